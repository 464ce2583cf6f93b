"""The dashboard's entry point: page setup, navigation by role. `streamlit run dashboard/app.py`."""

import streamlit as st

from dashboard import ask, navigation
from dashboard import texts_vi as T

st.set_page_config(page_title=T.APP_TITLE, page_icon=":material/campaign:", layout="wide")
st.navigation(navigation.pages()).run()
ask.retry_if_unanswered()

"""The dashboard's entry point: page setup, navigation by role. `streamlit run dashboard/app.py`."""

from pathlib import Path

import streamlit as st

from dashboard import ask, navigation
from dashboard import texts_vi as T

# A file of our own: a ":material/…:" icon makes the browser fetch it from fonts.gstatic.com.
ICON = Path(__file__).resolve().parent / "static" / "icon.png"
# Streamlit's "Running… Stop" corner is English: the pages say in Vietnamese what they wait for.
CHROME = "<style>[data-testid='stStatusWidget']{display:none}</style>"

st.set_page_config(page_title=T.APP_TITLE, page_icon=str(ICON), layout="wide", menu_items={})
st.html(CHROME)
st.navigation(navigation.pages()).run()
ask.retry_if_unanswered()

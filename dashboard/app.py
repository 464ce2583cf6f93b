"""The dashboard's entry point: page setup and navigation. `streamlit run dashboard/app.py`."""

import streamlit as st

from dashboard import texts_vi as T
from dashboard.views import log_activity, overview

st.set_page_config(page_title=T.APP_TITLE, page_icon=":material/campaign:", layout="wide")

# Sign-in and roles come later: this is where the signed-in user's role will choose the pages
# (unit officer: log; the Office and leadership: overview). For now everyone sees both.
pages = [
    st.Page(log_activity.render, title=T.PAGE_LOG, icon=":material/edit_note:", default=True),
    st.Page(
        overview.render, title=T.PAGE_OVERVIEW, icon=":material/monitoring:", url_path="tong-quan"
    ),
]
st.navigation(pages).run()

"""The Streamlit front end: one module per page (ask, library, study, quality) plus shared helpers.

Pages expose `render(assistant, settings)`; `app.py` only wires them into `st.navigation`.
"""

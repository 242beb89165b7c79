"""Alert Intake is a Node.js app: the service is app.mjs, started by run.py.

This file exists because ThreatConnect's developer runner (`tcex run`, tcex-cli) only accepts an
app folder that holds both app.py and run.py; it then imports `Run` from run.py, which starts
Node.js as a child process. Nothing here runs.
"""

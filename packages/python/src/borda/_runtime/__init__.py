"""What runs Python DAG files for Borda: the DAG parser (``parse``) and the task runner
(``runner``), started as ``python3 -m borda._runtime.<name>`` by the control plane and
the worker. Not imported by DAG files; nothing here is public API.
"""

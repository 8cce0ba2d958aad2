"""A class on JupyterHub: each learner their own server and pack, a classroom service for
the tutor.

- :mod:`casekit.hub.plan`: the class as the hub sees it (who logs in, as which account,
  with which pack), kept in ``hub/classroom.json`` beside the class packs.
- :mod:`casekit.hub.config`: the ``jupyterhub_config.py`` written from the plan.
- :mod:`casekit.hub.hooks`: the pre-spawn hook that gives each learner their own home,
  workspace and pack at first spawn, readable by no other learner.
- :mod:`casekit.hub.service`: the classroom service (a JupyterHub managed service) through
  which the tutor advances, witnesses and collects, and learners send their packs.
- :mod:`casekit.hub.client`: the HTTP calls the tutor's and learners' notebooks and the
  ``casekit classroom`` command make to that service.

Nothing here is imported by ``import casekit``; the hub imports the hooks, the service
runs as its own process, and the rest is reached through :mod:`casekit.api.classroom`.
"""

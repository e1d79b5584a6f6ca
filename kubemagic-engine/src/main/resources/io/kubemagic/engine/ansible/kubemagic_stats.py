# Kube Magic: writes the per-host recap (PLAY RECAP numbers) and failed tasks as JSON.
from __future__ import annotations
import json
import os
from ansible.plugins.callback import CallbackBase

DOCUMENTATION = '''
    name: kubemagic_stats
    type: aggregate
    short_description: per-host stats as JSON for Kube Magic
    description: Writes the recap of the run to the file named by KUBEMAGIC_STATS_FILE.
    requirements:
      - enabled in configuration
'''


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'kubemagic_stats'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self._path = os.environ.get('KUBEMAGIC_STATS_FILE')
        self._problems = []
        self._plays = 0

    def _problem(self, kind, result, ignored=False):
        res = result._result if isinstance(result._result, dict) else {}
        msg = res.get('msg') or res.get('stderr') or res.get('reason') or ''
        self._problems.append({
            'host': result._host.get_name(),
            'task': result._task.get_name() if result._task else '',
            'kind': kind,
            'ignored': bool(ignored),
            'message': str(msg)[:2000],
        })

    def v2_playbook_on_play_start(self, play):
        self._plays += 1

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._problem('failed', result, ignore_errors)

    def v2_runner_on_unreachable(self, result):
        self._problem('unreachable', result)

    def v2_playbook_on_stats(self, stats):
        hosts = {}
        for host in sorted(stats.processed.keys()):
            s = stats.summarize(host)
            hosts[host] = {k: s.get(k, 0) for k in ('ok', 'changed', 'unreachable', 'failures', 'skipped', 'rescued', 'ignored')}
        if not self._path:
            return
        tmp = self._path + '.part'
        with open(tmp, 'w', encoding='utf-8') as out:
            json.dump({'plays': self._plays, 'hosts': hosts, 'problems': self._problems}, out)
        os.replace(tmp, self._path)

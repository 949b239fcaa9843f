"""``BashOperator``: a shell command the worker runs with bash; its last line is the XCom.

``bash_command``, ``env`` and ``cwd`` are templated. The worker runs the rendered command
as it runs every bash task (its output shipped live, its process group killed on a
timeout or a cancel), with ``env`` added to the task's environment and the
``AIRFLOW_CTX_*`` variables set. A non-zero exit fails the task (exit code 99 too:
a bash task cannot skip itself by its exit code yet).
"""

from typing import Any, ClassVar

from airflow._borda.arguments import NOTSET, refuse_set_arguments
from airflow._borda.context import Context, airflow_context_variables
from airflow._borda.operator import BaseOperator
from airflow._borda.subset import NotInSubsetError, module_getattr
from airflow._borda.templating import has_template_syntax
from borda import DagDefinitionError
from borda._registry import BashCommand

__all__ = ["BashOperator"]


class BashOperator(BaseOperator):
    template_fields: ClassVar[tuple[str, ...]] = ("bash_command", "env", "cwd")
    template_fields_renderers: ClassVar[dict[str, str]] = {"bash_command": "bash", "env": "json"}
    template_ext: ClassVar[tuple[str, ...]] = (".sh", ".bash")
    ui_color = "#f0ede4"
    _borda_kind = "bash"

    def __init__(
        self,
        *,
        bash_command: Any,
        env: dict[str, str] | None = None,
        append_env: bool = False,
        output_encoding: str = "utf-8",
        skip_exit_code: Any = NOTSET,
        skip_on_exit_code: Any = NOTSET,
        cwd: str | None = None,
        output_processor: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        owner = f"task '{self.task_id}' ({type(self).__name__})"
        refuse_set_arguments(
            owner,
            {
                "skip_exit_code": skip_exit_code,
                "skip_on_exit_code": skip_on_exit_code,
                "output_processor": output_processor,
            },
            self._borda_site,
        )
        if isinstance(bash_command, str) and bash_command.endswith(self.template_ext):
            raise NotInSubsetError(
                f"The script file '{bash_command}' as the bash_command of {owner}",
                "templates read from files are not supported: run a script that is on the "
                "worker by its path followed by a space ('bash /opt/jobs/run.sh '), which "
                "Airflow too runs as a command",
                self._borda_site,
            )
        if env is not None and not isinstance(env, dict):
            raise DagDefinitionError(f"{owner}: env must be a dict.", self._borda_site)
        self.bash_command = bash_command
        self.env = env
        self.append_env = append_env
        self.output_encoding = output_encoding
        self.cwd = cwd

    def execute(self, context: Context) -> Any:
        raise NotInSubsetError(
            f"{type(self).__name__}.execute()",
            "Borda's worker runs a BashOperator's command itself; subclass BaseOperator to "
            "run Python",
        )

    def _borda_bash_command(self) -> str | None:
        command = self.bash_command
        if isinstance(command, str) and not has_template_syntax(command, self.dag):
            return command
        return None

    def _borda_execute(self, context: Context) -> BashCommand:
        if type(self).execute is not BashOperator.execute:
            raise NotInSubsetError(
                f"{type(self).__name__}.execute()",
                "a BashOperator subclass that overrides execute() is not supported: subclass "
                "BaseOperator to run Python",
            )
        return bash_command(self, self.bash_command, context)


def bash_command(task: BashOperator, command: Any, context: Context) -> BashCommand:
    """What the worker runs for a bash task: its rendered command, env and cwd."""
    if not isinstance(command, str) or command.strip() == "":
        raise TypeError(
            f"The bash_command of task '{task.task_id}' must be a non-empty string, not "
            f"{command!r}."
        )
    env = task.env or {}
    if not all(isinstance(name, str) and isinstance(value, str) for name, value in env.items()):
        raise TypeError(f"The env of task '{task.task_id}' must map strings to strings: {env!r}")
    task.log.info("Running command: %s", command)
    return BashCommand(command, {**env, **airflow_context_variables(context)}, task.cwd)


__getattr__ = module_getattr(__name__, package=False)

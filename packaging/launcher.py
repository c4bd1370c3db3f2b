"""Entry script of the frozen app: the same ``workbench`` command line as a source install.

With no arguments it opens the desktop app (first run: a copy of the sample project and the
guided tour); with a sub-command it behaves exactly like ``workbench COMMAND``.
"""

import multiprocessing

from workbench.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless when unused; required if a library spawns workers
    raise SystemExit(main())

from whodunit.cli.main import main

raise SystemExit(main())

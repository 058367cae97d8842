from quellenlage.cli import main

main()

from detox.entry import main

main()

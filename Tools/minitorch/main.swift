MiniTorchTool.main()

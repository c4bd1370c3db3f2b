"""Warning quality: the workbench's alerts against simple methods on synthetic and real data."""

print("SearchBenchmarks: not written yet")

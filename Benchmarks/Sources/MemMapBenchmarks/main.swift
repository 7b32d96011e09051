print("MemMapBenchmarks: not written yet")

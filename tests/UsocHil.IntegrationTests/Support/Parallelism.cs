// Most of the suite waits on emulated rigs whose clocks hold rig time while harness or emulator lag, so fixtures run
// side by side. A fixture marked [NonParallelizable] runs alone: it counts the process's descriptors or threads, holds a
// wall-clock bound (a watchdog, a reconnection backoff, a prompt typed at a terminal) or measures lag.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(5)]

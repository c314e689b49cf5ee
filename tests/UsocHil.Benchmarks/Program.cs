using BenchmarkDotNet.Running;
using UsocHil.Benchmarks.Figures;

// `figures [--smoke] [--out FILE]`: the whole-process figures of docs/PERFORMANCE.md, each with its floor and peers
// measured in the same run. Anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "figures")
{
    return await FiguresRunner.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(FiguresRunner).Assembly).Run(args);
return 0;

using System.CommandLine;
using UsocHil.Configuration;
using UsocHil.Sequencing;

namespace UsocHil.Cli.Commands;

public static class GraphCommand
{
    public static Command Create()
    {
        var rig = new Argument<string>("rig") { Description = "The rig" };
        var sequence = new Argument<string>("sequence") { Description = "The sequence" };
        var format = new Option<string>("--format") { Description = "dot or mermaid", DefaultValueFactory = _ => "dot" };
        format.AcceptOnlyFromAmong("dot", "mermaid");
        var command = new Command("graph", "Export a sequence's state machine as DOT or Mermaid") { rig, sequence, format };
        command.SetAction(parse =>
        {
            try
            {
                LoadedStation station = StationContext.Load(parse);
                LoadedRig loaded = station.Rig(parse.GetValue(rig)!);
                // Drawing sends nothing, so a sequence with raw steps draws as run --raw would walk it.
                SequencePlan plan = SequenceLoader.Load(loaded.SequenceFile(parse.GetValue(sequence)!), loaded.Definition, displayName: null, allowRawPackets: true,
                    Running.HarnessRegistries.For(station).Steps);
                Console.Out.Write(SequenceRun.Graph(plan, loaded.Definition, parse.GetValue(format) == "mermaid" ? GraphFormat.Mermaid : GraphFormat.Dot));
                return ExitCodes.Passed;
            }
            catch (ConfigurationException ex)
            {
                foreach (ConfigurationProblem problem in ex.Problems)
                {
                    Console.Error.WriteLine(problem.ToString());
                }

                return ExitCodes.UsageOrConfiguration;
            }
        });
        return command;
    }
}

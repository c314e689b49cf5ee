using System.CommandLine;

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
        command.SetAction(_ => NotYetAvailable.Say("graph", "the sequence engine"));
        return command;
    }
}

using UsocHil.Extensions;
using UsocHil.ToyPayload.Emulator;
using UsocHil.ToyPayload.LineProtocol;
using UsocHil.ToyPayload.Sinks;
using UsocHil.ToyPayload.Steps;

namespace UsocHil.ToyPayload;

/// <summary>What the toy payload adds to a station that names this assembly in its <c>"extensions"</c>.</summary>
public sealed class ToyExtension : IHarnessExtension
{
    public void Register(Registries registries)
    {
        registries.Protocols.Add("toy-line", ToyLineChannel.Open);
        registries.Emulators.Add("toy-oven", ToyOven.Start);
        registries.Steps.Add("soak", SoakStep.Read);
        registries.Checks.Add("settled", SettledCheck.Read);
        registries.Sinks.Add("toy-jsonl", new JsonLinesSink());
    }
}

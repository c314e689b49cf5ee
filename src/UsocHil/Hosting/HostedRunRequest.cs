using UsocHil.Configuration;
using UsocHil.Extensions;

namespace UsocHil.Hosting;

/// <summary>What a run host is asked to run: a sequence of a station's rig, and how.</summary>
/// <param name="Registries">The extension points the run may use: payload protocols, link kinds, emulators, step and check kinds, results stores and sinks.</param>
/// <param name="AssumeYes">Answer every operator prompt with yes (unattended runs).</param>
/// <param name="TimeScale">Rig time per wall second for an emulated rig; null for the station's.</param>
/// <param name="TruthFile">Emulated rigs: where the emulator writes its hidden truth.</param>
/// <param name="ResultsPath">The results archive; null for the station's.</param>
/// <param name="ReportDirectory">Where to write the run's HTML report once sealed; null for none.</param>
/// <param name="AllowRawPackets">The sequence's raw steps may send packets outside the dictionary.</param>
/// <param name="AcceptInvalidReference">Run although a reference instrument is unregistered or past its due date: the run is then not valid for acceptance and a nonconformance is drafted.</param>
/// <param name="Formal">A formal (acceptance) run: --yes, --raw and continue-on-timeout are refused unless <paramref name="Waiver"/> names the waiver that allows them.</param>
/// <param name="Waiver">The identifier of a waiver that allows this run's deviations; recorded as a deviation.</param>
/// <param name="Operator">Who runs it, for the record (prompts' answers, holds, the run's header); null for the login name.</param>
public sealed record HostedRunRequest(
    LoadedStation Station,
    string Rig,
    string Sequence,
    Registries Registries,
    bool AssumeYes = false,
    double? TimeScale = null,
    string? TruthFile = null,
    string? ResultsPath = null,
    string? ReportDirectory = null,
    bool AllowRawPackets = false,
    string? Operator = null,
    bool AcceptInvalidReference = false,
    bool Formal = false,
    string? Waiver = null)
{
    /// <summary>The operator's name as recorded: <see cref="Operator"/>, else the login name.</summary>
    public string OperatorName => string.IsNullOrWhiteSpace(Operator) ? Environment.UserName : Operator.Trim();
}

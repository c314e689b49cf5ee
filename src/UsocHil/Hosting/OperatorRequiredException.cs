namespace UsocHil.Hosting;

/// <summary>
/// A sequence with prompts was asked to run with nobody to answer them (no terminal, no monitor) and without
/// <c>--yes</c>: refused before anything is opened, powered or emulated.
/// </summary>
public sealed class OperatorRequiredException(string sequence, int prompts)
    : Exception($"{sequence} has {prompts} operator prompt{(prompts == 1 ? "" : "s")} and nobody can answer {(prompts == 1 ? "it" : "them")}: run it from a terminal, with --monitor, or with --yes for an unattended run")
{
    public string Sequence { get; } = sequence;
}

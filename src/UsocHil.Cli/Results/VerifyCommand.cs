using System.CommandLine;
using UsocHil.Results;

namespace UsocHil.Cli.Results;

/// <summary>
/// <c>usoc-hil results verify</c>: checks the archive read-only against its anchor and the station's public key and
/// lists every damaged run, one line each on standard error (exit 1); a file it cannot read is one line and exit 2.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var results = GlobalOptions.Results();
        var anchor = new Option<FileInfo?>("--anchor")
        {
            Description = "The anchor to check against (default: the archive's own, FILE.anchor beside it); a copy kept elsewhere, or the one received with the archive",
        };
        var publicKey = new Option<FileInfo?>("--public-key")
        {
            Description = "The sealing station's public key (default: station-key/seal.pub.pem beside the archive)",
        };
        var verify = new Command("verify", "Check every run's hash, chain link and signature and the anchor; list every damaged run (exit 1 if any)")
        {
            results, anchor, publicKey,
        };
        verify.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                string path = ArchiveCommand.ArchivePath(parse, results);
                var evidence = new ChainEvidence(parse.GetValue(anchor)?.FullName, parse.GetValue(publicKey)?.FullName);
                return Report(path, evidence, await ArchiveVerifier.VerifyAsync(path, evidence, cancellationToken));
            }
            catch (Exception e) when (e is ResultsArchiveException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"usoc-hil results verify: {e.Message}");
                return ExitCodes.UsageOrConfiguration;
            }
        });
        return verify;
    }

    private static int Report(string path, ChainEvidence evidence, ChainVerification result)
    {
        foreach (long run in result.StillRecording)
        {
            Console.WriteLine($"results verify: run {run}: still being recorded (its writer holds its lock); not sealed yet");
        }

        if (result.Intact)
        {
            Console.WriteLine($"results verify: chain intact, {result.RunsChecked} sealed run(s) checked in {path}; signatures and anchor {evidence.Anchor(path).Path} agree");
            return ExitCodes.Passed;
        }

        foreach (RunDamage damage in result.Damage)
        {
            Console.Error.WriteLine(damage.RunId == 0 ? $"results verify: {damage.What}" : $"results verify: run {damage.RunId}: {damage.What}");
        }

        int runs = result.Damage.Count(d => d.RunId > 0);
        Console.WriteLine($"results verify: {runs} damaged run(s){(runs < result.Damage.Count ? " and anchor damage" : "")} in {path}; {result.RunsChecked} sealed run(s) checked");
        return ExitCodes.VerdictFailed;
    }
}

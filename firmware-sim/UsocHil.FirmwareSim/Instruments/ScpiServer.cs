using System.Text;
using Serilog;
using UsocHil.FirmwareSim.Instruments.Scpi;
using UsocHil.Links;

namespace UsocHil.FirmwareSim.Instruments;

/// <summary>
/// Serves a SCPI instrument on one link as a 5025-style raw socket or a serial line does: newline-terminated program
/// messages in, newline-terminated answers out (a carriage return before the newline is ignored). A message longer
/// than the input buffer is thrown away whole (-363 "Input buffer overrun"): none of it is executed.
/// </summary>
public static class ScpiServer
{
    public const int MaxLineBytes = 4096;

    /// <summary>Runs until the peer closes the link or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task ServeAsync(ScpiInstrument instrument, ILink link, ILogger log, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        var line = new List<byte>(128);
        bool overrun = false;
        try
        {
            while (true)
            {
                int count = await link.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    return;
                }

                for (int i = 0; i < count; i++)
                {
                    byte b = buffer[i];
                    if (b != (byte)'\n')
                    {
                        if (line.Count < MaxLineBytes)
                        {
                            line.Add(b);
                        }
                        else
                        {
                            overrun = true;
                        }

                        continue;
                    }

                    if (overrun)
                    {
                        log.Debug("SCPI {Link}: a message longer than {Max} bytes thrown away", link.Info.Endpoint, MaxLineBytes);
                        line.Clear();
                        overrun = false;
                        instrument.InputOverrun();
                        continue;
                    }

                    string text = Encoding.ASCII.GetString([.. line]).TrimEnd('\r').Trim();
                    line.Clear();
                    string? answer = text.Length == 0 ? null : instrument.Execute(text);
                    log.Verbose("SCPI {Link} <- {Command} -> {Answer}", link.Info.Endpoint, text, answer);
                    if (answer is not null)
                    {
                        await link.WriteAsync(Encoding.ASCII.GetBytes(answer + "\n"), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (LinkException e)
        {
            log.Debug("SCPI client on {Link} went away: {Reason}", link.Info.Endpoint, e.Message);
        }
    }
}

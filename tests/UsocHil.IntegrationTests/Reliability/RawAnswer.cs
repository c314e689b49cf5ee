using System.Globalization;
using System.Text;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>An HTTP/1.1 answer read off a raw socket: status, headers and as much body as came before the close or a pause.</summary>
internal sealed record RawAnswer(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    public static async Task<RawAnswer> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        byte[] buffer = new byte[16 * 1024];
        using var pause = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        pause.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, pause.Token)) > 0)
            {
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
                if (Complete(text.ToString()))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A reset after the answer, or an answer that stays open (an event stream): what came is what we judge.
        }

        return Parse(text.ToString());
    }

    public static RawAnswer Parse(string text)
    {
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string head = end < 0 ? text : text[..end];
        string[] lines = head.Split("\r\n");
        string[] statusLine = lines[0].Split(' ');
        int status = statusLine.Length > 1 && int.TryParse(statusLine[1], CultureInfo.InvariantCulture, out int s) ? s : 0;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return new RawAnswer(status, headers, end < 0 ? "" : text[(end + 4)..]);
    }

    private static bool Complete(string text)
    {
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        RawAnswer answer = Parse(text);
        if (answer.Header("Transfer-Encoding") is "chunked")
        {
            return answer.Body.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
        }

        return answer.Header("Content-Length") is { } length && int.TryParse(length, CultureInfo.InvariantCulture, out int n) && Encoding.UTF8.GetByteCount(answer.Body) >= n;
    }
}

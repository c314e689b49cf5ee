using Microsoft.AspNetCore.Http;
using Serilog.Core;
using UsocHil.Monitor;

namespace UsocHil.Tests.Monitor;

public sealed class AbortGateTests
{
    private int _aborts;

    [SetUp]
    public void SetUp() => _aborts = 0;

    private AbortGate Gate(bool readOnly = false) =>
        new("TOKEN123", readOnly ? null : () => { _aborts++; return Task.CompletedTask; }, new RefusalLog(Logger.None, TimeProvider.System), new RefusalRate(TimeProvider.System, burst: 100), Logger.None);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("TOKEN12")]
    [TestCase("token123")]
    [TestCase("TOKEN1234")]
    public async Task HandleAsync_MissingOrWrongToken_Is403AndDoesNotAbort(string? token)
    {
        int status = await StatusAsync(Gate(), token);

        Assert.That(status, Is.EqualTo(StatusCodes.Status403Forbidden));
        Assert.That(_aborts, Is.Zero);
    }

    [Test]
    public async Task HandleAsync_RightToken_Is202AndAborts()
    {
        int status = await StatusAsync(Gate(), "TOKEN123");

        Assert.That(status, Is.EqualTo(StatusCodes.Status202Accepted));
        Assert.That(_aborts, Is.EqualTo(1));
    }

    [Test]
    public async Task HandleAsync_ReadOnlyMonitor_Is403EvenWithTheToken()
    {
        int status = await StatusAsync(Gate(readOnly: true), "TOKEN123");

        Assert.That(status, Is.EqualTo(StatusCodes.Status403Forbidden));
    }

    [Test]
    public async Task HandleAsync_RightTokenFromAnotherSite_Is403AndDoesNotAbort()
    {
        var context = Request("TOKEN123");
        context.Request.Headers.Origin = "http://attacker.example";
        context.Request.Headers["Sec-Fetch-Site"] = "cross-site";

        int status = await StatusAsync(Gate(), context);

        Assert.That(status, Is.EqualTo(StatusCodes.Status403Forbidden));
        Assert.That(_aborts, Is.Zero);
    }

    [Test]
    public async Task HandleAsync_TokenInAFormField_Is400AndDoesNotAbort()
    {
        var context = Request(null);
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = new MemoryStream("token=TOKEN123"u8.ToArray());

        int status = await StatusAsync(Gate(), context);

        Assert.That(status, Is.EqualTo(StatusCodes.Status400BadRequest));
        Assert.That(_aborts, Is.Zero);
    }

    [Test]
    public void NewToken_TwoTokens_DifferAndAvoidLookalikeCharacters()
    {
        string a = AbortGate.NewToken(), b = AbortGate.NewToken();

        Assert.That(a, Is.Not.EqualTo(b));
        Assert.That(a, Has.Length.EqualTo(12));
        Assert.That(a.Intersect("01OIL"), Is.Empty);
    }

    private static Task<int> StatusAsync(AbortGate gate, string? token) => StatusAsync(gate, Request(token));

    private static DefaultHttpContext Request(string? token)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1", 8642);
        if (token is not null)
        {
            context.Request.Headers[AbortGate.HeaderName] = token;
        }

        return context;
    }

    private static async Task<int> StatusAsync(AbortGate gate, DefaultHttpContext context)
    {
        IResult result = await gate.HandleAsync(context);
        return ((IStatusCodeHttpResult)result).StatusCode ?? 200;
    }
}

using System.Globalization;
using System.Text;
using UsocHil.FirmwareSim.Instruments;
using UsocHil.FirmwareSim.Instruments.Scpi;
using UsocHil.Protocols.Scpi;
using UsocHil.Tests.FirmwareSim.Furnace;
using UsocHil.Testing;

namespace UsocHil.Tests.Protocols.Scpi;

/// <summary>
/// Properties of the SCPI number and header parsers over many seeded random cases: every valid rendering parses to
/// what was rendered (and renders back to the same parse), and random bytes give only the typed parse error.
/// </summary>
public sealed class ScpiParserPropertyTests
{
    private const int Cases = 20_000;

    [Test]
    public void TryParseDecimal_RandomValidRenderings_ParseToTheRenderedValue()
    {
        var random = new Random(16_001);
        for (int i = 0; i < Cases; i++)
        {
            double value = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 13));
            string text = RenderDecimal(random, value);

            Assert.That(ScpiNumericSyntax.TryParseDecimal(text, out double parsed, out int length), Is.True, text);
            Assert.That(length, Is.EqualTo(text.Length), text);
            Assert.That(parsed, Is.EqualTo(value).Within(Math.Abs(value) * 1e-9 + 1e-300), text);
            Assert.That(ScpiNumber.Parse(parsed.ToString("R", CultureInfo.InvariantCulture) + " V", "prop").Value, Is.EqualTo(parsed), "re-rendered");
        }
    }

    [Test]
    public void TryParseNonDecimal_RandomValues_ParseBackInEveryRadix()
    {
        var random = new Random(16_002);
        for (int i = 0; i < Cases; i++)
        {
            ulong value = (ulong)random.NextInt64() >> random.Next(0, 63);
            (char letter, int radix) = random.Next(3) switch { 0 => ('H', 16), 1 => ('Q', 8), _ => ('B', 2) };
            string digits = Convert(value, radix);
            string text = "#" + (random.Next(2) == 0 ? letter : char.ToLowerInvariant(letter)) + (random.Next(2) == 0 ? digits : digits.ToLowerInvariant());

            Assert.That(ScpiNumericSyntax.TryParseNonDecimal(text, out double parsed), Is.True, text);
            Assert.That(parsed, Is.EqualTo((double)value), text);
        }
    }

    [Test]
    public void Execute_RandomVoltageWithSuffixAndMultiplier_SetsThatVoltageAndReadsItBack()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);
        var random = new Random(16_003);
        (string Suffix, double Factor)[] suffixes = [("", 1), ("V", 1), ("v", 1), ("mV", 1e-3), ("MV", 1e-3), ("kV", 1e3), ("UV", 1e-6), (" V", 1), (" mv", 1e-3)];
        for (int i = 0; i < Cases / 4; i++)
        {
            double volts = Math.Round(random.NextDouble() * PowerSupply.MaxVolts, 4);
            (string suffix, double factor) = suffixes[random.Next(suffixes.Length)];
            string header = RenderHeader(random, "[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]");

            supply.Execute($"{header} {RenderDecimal(random, volts / factor)}{suffix}");

            Assert.That(supply.Execute(":VOLT?"), Is.EqualTo(ScpiParameters.Format(volts)), $"{header} {volts / factor}{suffix}");
        }

        Assert.That(supply.Execute("SYST:ERR:COUN?"), Is.EqualTo("0"));
    }

    [Test]
    public void Execute_EveryHeaderInRandomForms_MatchesTheSameCommand()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);
        string[] queries = [.. supply.Headers.Where(h => h.EndsWith('?') && !h.StartsWith('*') && !h.Contains("ERRor", StringComparison.Ordinal) && !h.Contains("EVENt", StringComparison.Ordinal))];
        var random = new Random(16_004);
        for (int i = 0; i < Cases / 4; i++)
        {
            string pattern = queries[random.Next(queries.Length)];
            string typed = RenderHeader(random, pattern);
            var header = new ScpiHeader(pattern);
            ScpiProgramUnit unit = ScpiProgramUnit.Parse(typed);
            ScpiProgramUnit again = ScpiProgramUnit.Parse((unit.Rooted ? ":" : "") + string.Join(':', unit.Nodes) + (unit.Query ? "?" : ""));

            Assert.That(header.Matches(unit.Nodes, unit.Query), Is.EqualTo(ScpiHeaderMatch.Yes), typed);
            Assert.That(again.Nodes, Is.EqualTo(unit.Nodes), "re-rendered");
            Assert.That(supply.Execute(typed), Is.EqualTo(supply.Execute(pattern.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal))), typed);
        }

        Assert.That(supply.Execute("SYST:ERR?"), Is.EqualTo("0,\"No error\""));
    }

    [Test]
    public void ParseAndExecute_RandomBytes_OnlyTheTypedErrorAndOnlyCataloguedCodes()
    {
        using var driver = BenchDriver.Create();
        var supply = new PowerSupplyScpi(driver.Bench);
        var random = new Random(16_005);
        const string alphabet = "VOLTCURMEASOUTP*?:;, \t#HQB0123456789.eE+-\"'mkVAvolt()[]\u00ff\0";
        int refused = 0, parsed = 0;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Cases; i++)
        {
            string text = random.Next(3) == 0
                ? Encoding.Latin1.GetString([.. Enumerable.Range(0, random.Next(40)).Select(_ => (byte)random.Next(256))])
                : new string([.. Enumerable.Range(0, random.Next(40)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            try
            {
                ScpiProgramUnit.Parse(text);
                parsed++;
            }
            catch (UsocHil.FirmwareSim.Instruments.Scpi.ScpiException)
            {
                refused++;
            }

            if (ScpiNumericSyntax.TryParseDecimal(text, out double value, out int length))
            {
                Assert.That(double.IsFinite(value) && length > 0 && length <= text.Length, Is.True, text);
            }

            if (ScpiNumericSyntax.TryParseNonDecimal(text, out double whole))
            {
                Assert.That(whole, Is.GreaterThanOrEqualTo(0), text);
            }
            try
            {
                ScpiNumber.Parse(text, "prop");
            }
            catch (UsocHil.Protocols.Scpi.ScpiException)
            {
                // The typed refusal; anything else fails the test.
            }

            supply.Execute("*RST;*CLS");
            supply.Execute(text);
            for (string entry = supply.Execute(":SYST:ERR?")!; entry != "0,\"No error\""; entry = supply.Execute(":SYST:ERR?")!)
            {
                codes.Add(entry[..entry.IndexOf(',', StringComparison.Ordinal)]);
            }
        }

        Assert.That(refused, Is.GreaterThan(Cases / 2));
        Assert.That(codes, Is.SubsetOf(new[] { "-102", "-104", "-108", "-109", "-112", "-113", "-114", "-131", "-222", "-223", "-224", "-350" }));
        ReliabilityRecord.Write("fuzz", "SCPI program messages into the emulated supply (headers, numbers, suffixes)", Cases,
            $"{parsed:N0} units parsed, {refused:N0} refused with the typed ScpiException; errors queued only with SCPI-99 codes ({string.Join(' ', codes.Order(StringComparer.Ordinal))})");
    }

    /// <summary>A decimal number as IEEE 488.2 allows a program to write it: NR1, NR2 or NR3, signs, exponent spaces and case.</summary>
    private static string RenderDecimal(Random random, double value)
    {
        string sign = value < 0 ? "-" : random.Next(3) == 0 ? "+" : "";
        double magnitude = Math.Abs(value);
        switch (random.Next(3))
        {
            case 0 when magnitude >= 1e-3:
                return sign + magnitude.ToString("0.##################", CultureInfo.InvariantCulture);
            case 1:
                return sign + magnitude.ToString("R", CultureInfo.InvariantCulture).Replace("E", random.Next(2) == 0 ? "e" : "E", StringComparison.Ordinal);
            default:
                string nr3 = magnitude.ToString("0.0000000000000000E+00", CultureInfo.InvariantCulture);
                string space = random.Next(4) == 0 ? " " : "";
                return sign + nr3.Replace("E", space + (random.Next(2) == 0 ? "e" : "E") + space, StringComparison.Ordinal);
        }
    }

    /// <summary>A header for a pattern: each node short or long in random case, optional nodes in or out, maybe a leading colon.</summary>
    private static string RenderHeader(Random random, string pattern)
    {
        bool query = pattern.EndsWith('?');
        var nodes = new List<string>();
        foreach (string raw in (query ? pattern[..^1] : pattern).Replace("[:", ":[", StringComparison.Ordinal).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            bool optional = raw.StartsWith('[');
            string mnemonic = raw.Trim('[', ']');
            if (optional && random.Next(2) == 0)
            {
                continue;
            }

            string form = random.Next(2) == 0 ? new string([.. mnemonic.Where(c => !char.IsLower(c))]) : mnemonic;
            nodes.Add(random.Next(3) switch { 0 => form.ToLowerInvariant(), 1 => form.ToUpperInvariant(), _ => form });
        }

        return (random.Next(2) == 0 ? ":" : "") + string.Join(':', nodes) + (query ? "?" : "");
    }

    private static string Convert(ulong value, int radix)
    {
        if (value == 0)
        {
            return "0";
        }

        var digits = new StringBuilder();
        for (; value > 0; value /= (ulong)radix)
        {
            digits.Insert(0, "0123456789ABCDEF"[(int)(value % (ulong)radix)]);
        }

        return digits.ToString();
    }
}

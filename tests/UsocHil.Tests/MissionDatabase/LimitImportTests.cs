using UsocHil.Description;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Mib;
using UsocHil.MissionDatabase.Xtce;

namespace UsocHil.Tests.MissionDatabase;

/// <summary>
/// Limits from a database: XTCE's five alarm levels folded onto yellow and red (the innermost of each kept, the others
/// reported) and its change ranges as the delta limit; MIB soft, hard and delta checks grouped by applicability; what
/// the rig's limits cannot hold (a percentage change, an event check) is a reported safety loss.
/// </summary>
public sealed class LimitImportTests
{
    private const string Xtce = """
        <?xml version="1.0" encoding="UTF-8"?>
        <SpaceSystem name="limits" xmlns="http://www.omg.org/spec/XTCE/20180204">
          <TelemetryMetaData>
            <ParameterTypeSet>
              <FloatParameterType name="Temp_Type">
                <FloatDataEncoding sizeInBits="32"/>
                <DefaultAlarm minViolations="4">
                  <StaticAlarmRanges>
                    <WatchRange minInclusive="5" maxInclusive="45"/>
                    <WarningRange minInclusive="0" maxInclusive="50"/>
                    <DistressRange minInclusive="-5" maxInclusive="55"/>
                    <CriticalRange minInclusive="-10" maxInclusive="60"/>
                    <SevereRange minInclusive="-20" maxInclusive="70"/>
                  </StaticAlarmRanges>
                  <ChangeAlarmRanges changeType="changePerSecond">
                    <WarningRange minInclusive="-1" maxInclusive="1"/>
                  </ChangeAlarmRanges>
                </DefaultAlarm>
              </FloatParameterType>
            </ParameterTypeSet>
            <ParameterSet>
              <Parameter name="Temp" parameterTypeRef="Temp_Type"/>
            </ParameterSet>
          </TelemetryMetaData>
        </SpaceSystem>
        """;

    [Test]
    public void Xtce_FiveLevels_FoldOntoYellowAndRed_AndTheChangeRangesAreTheDeltaLimit()
    {
        string file = Path.Combine(TestDirectories.Create("limits"), "limits.xml");
        File.WriteAllText(file, Xtce);

        DatabaseImport imported = XtceImporter.Import([file], "limits");

        LimitDefinition limit = imported.Rig.Limits.Single();
        Assert.That((limit.Parameter, limit.Yellow, limit.Red, limit.Persistence), Is.EqualTo(("TEMP", (IReadOnlyList<double>)[0, 50], (IReadOnlyList<double>)[-10, 60], 4)));
        Assert.That(limit.Delta, Is.EqualTo(new DeltaLimitDefinition { Yellow = 1, Red = 1, Per = DeltaBasis.Second }));
        var losses = imported.Report.SafetyLosses.ToList();
        Assert.That(losses.Select(l => (l.Element, l.Outcome)), Is.EquivalentTo(new[]
        {
            ("WatchRange", ImportOutcome.Approximated), ("DistressRange", ImportOutcome.Approximated), ("SevereRange", ImportOutcome.Approximated),
        }));
    }

    [Test]
    public void Mib_SoftHardAndDeltaChecks_MakeOneLimitPerApplicability_AndAnEventCheckIsASafetyLoss()
    {
        string folder = TestDirectories.Create("mib-limits");
        File.WriteAllText(Path.Combine(folder, "pcf.dat"), "TEMP\tTemperature\t7\tdegC\t5\t1\t32\t\t\tN\tR\t\tF\tN\t0\t\t\t\tR\tY\t\t0\tB\t\nMODE\tMode\t8\t\t3\t4\t8\t\t\tN\tR\t\tF\tN\t0\t\t\t\tR\tY\t\t0\tB\t\n");
        File.WriteAllText(Path.Combine(folder, "ocf.dat"), "TEMP\t3\t4\tC\tR\n");
        File.WriteAllText(Path.Combine(folder, "ocp.dat"),
            "TEMP\t1\tS\t0\t50\t\t\nTEMP\t2\tH\t-10\t60\t\t\nTEMP\t3\tD\t-1\t1\t\t\nTEMP\t4\tS\t10\t40\tMODE\t2\nTEMP\t5\tE\t0\t1\t\t\n");

        DatabaseImport imported = MibImporter.Import(folder, "mib-limits");

        LimitDefinition limit = imported.Rig.Limits.Single(l => l.When is null);
        Assert.That((limit.Yellow, limit.Red, limit.Persistence), Is.EqualTo(((IReadOnlyList<double>)[0, 50], (IReadOnlyList<double>)[-10, 60], 3)));
        Assert.That(limit.Delta, Is.EqualTo(new DeltaLimitDefinition { Yellow = 1, Red = 1, Per = DeltaBasis.Sample }));
        LimitDefinition inMode2 = imported.Rig.Limits.Single(l => l.When is not null);
        Assert.That((inMode2.When, inMode2.Yellow, inMode2.Delta), Is.EqualTo((new LimitCondition { Parameter = "MODE", Value = 2 }, (IReadOnlyList<double>)[10, 40], (DeltaLimitDefinition?)null)));
        Assert.That(imported.Rig.Dictionary.Parameters.Single(p => p.Name == "TEMP").Id, Is.EqualTo(7));
        var losses = imported.Report.SafetyLosses.ToList();
        Assert.That(losses.Select(l => l.Location), Is.EqualTo(new[] { "ocp.dat:5" }));
        Assert.That(losses[0].How, Does.Contain("check type E"));
    }

    private const string XtceContexts = """
        <?xml version="1.0" encoding="UTF-8"?>
        <SpaceSystem name="contexts" xmlns="http://www.omg.org/spec/XTCE/20180204">
          <TelemetryMetaData>
            <ParameterTypeSet>
              <EnumeratedParameterType name="Mode_Type">
                <IntegerDataEncoding sizeInBits="8"/>
                <EnumerationList><Enumeration value="0" label="IDLE"/><Enumeration value="2" label="HEATING"/></EnumerationList>
              </EnumeratedParameterType>
              <FloatParameterType name="Temp_Type">
                <FloatDataEncoding sizeInBits="32"/>
                <DefaultAlarm>
                  <ChangeAlarmRanges changeType="changePerSample" changeBasis="percentageChange">
                    <CriticalRange maxInclusive="10"/>
                  </ChangeAlarmRanges>
                </DefaultAlarm>
                <ContextAlarmList>
                  <ContextAlarm minViolations="2">
                    <ChangeAlarmRanges changeType="changePerSecond">
                      <WarningRange minInclusive="-0.5" maxInclusive="0.5"/>
                      <CriticalRange minInclusive="-2" maxInclusive="2"/>
                    </ChangeAlarmRanges>
                    <ContextMatch><Comparison parameterRef="Mode" value="HEATING"/></ContextMatch>
                  </ContextAlarm>
                  <ContextAlarm>
                    <StaticAlarmRanges><CriticalRange minInclusive="0" maxInclusive="30"/></StaticAlarmRanges>
                    <ContextMatch><Comparison parameterRef="Mode" comparisonOperator="!=" value="0"/></ContextMatch>
                  </ContextAlarm>
                  <ContextAlarm>
                    <StaticAlarmRanges><CriticalRange minInclusive="0" maxInclusive="30"/></StaticAlarmRanges>
                    <ContextMatch><Comparison parameterRef="Door" value="1"/></ContextMatch>
                  </ContextAlarm>
                </ContextAlarmList>
              </FloatParameterType>
            </ParameterTypeSet>
            <ParameterSet>
              <Parameter name="Mode" parameterTypeRef="Mode_Type"/>
              <Parameter name="Temp" parameterTypeRef="Temp_Type"/>
            </ParameterSet>
          </TelemetryMetaData>
        </SpaceSystem>
        """;

    [Test]
    public void Xtce_ContextAlarmOnALabel_IsAConditionalDeltaLimit_AndWhatTheRigCannotCheckIsASafetyLoss()
    {
        string file = Path.Combine(TestDirectories.Create("contexts"), "contexts.xml");
        File.WriteAllText(file, XtceContexts);

        DatabaseImport imported = XtceImporter.Import([file], "contexts");

        LimitDefinition limit = imported.Rig.Limits.Single();
        Assert.That((limit.Parameter, limit.Yellow, limit.Persistence, limit.When), Is.EqualTo(("TEMP", (IReadOnlyList<double>?)null, 2, new LimitCondition { Parameter = "MODE", Value = 2 })));
        Assert.That(limit.Delta, Is.EqualTo(new DeltaLimitDefinition { Yellow = 0.5, Red = 2, Per = DeltaBasis.Second }));
        var losses = imported.Report.SafetyLosses.Where(l => l.Outcome == ImportOutcome.Dropped).ToList();
        Assert.That(losses.Select(l => l.How), Has.Some.Contains("percentage change"));
        Assert.That(losses.Select(l => l.How), Has.Some.Contains("not one equality comparison"));
        Assert.That(losses.Select(l => l.How), Has.Some.Contains("context parameter Door is not imported"));
        Assert.That(losses, Has.All.Property("Location").Match(@"contexts\.xml:\d+$"));
    }

    [Test]
    public void Mib_ApplicabilityOnAnUnknownParameter_DropsThatLimitOnly()
    {
        string folder = TestDirectories.Create("mib-applicability");
        File.WriteAllText(Path.Combine(folder, "pcf.dat"), "TEMP\tTemperature\t7\tdegC\t5\t1\t32\t\t\tN\tR\t\tF\tN\t0\t\t\t\tR\tY\t\t0\tB\t\n");
        File.WriteAllText(Path.Combine(folder, "ocf.dat"), "TEMP\t1\t3\tC\tR\n");
        File.WriteAllText(Path.Combine(folder, "ocp.dat"), "TEMP\t1\tD\t-1\t2\t\t\nTEMP\t2\tS\t10\t40\tDOOR\t1\nTEMP\t3\tH\t0\t50\tDOOR\t1\n");

        DatabaseImport imported = MibImporter.Import(folder, "mib-applicability");

        LimitDefinition limit = imported.Rig.Limits.Single();
        Assert.That((limit.When, limit.Yellow, limit.Delta), Is.EqualTo(((LimitCondition?)null, (IReadOnlyList<double>?)null, new DeltaLimitDefinition { Yellow = 1, Red = 1, Per = DeltaBasis.Sample })));
        Assert.That(imported.Report.SafetyLosses.Select(l => (l.Location, l.Outcome)), Is.EqualTo(new[] { ("ocp.dat:1", ImportOutcome.Approximated), ("ocp.dat:2", ImportOutcome.Dropped) }));
        Assert.That(imported.Report.SafetyLosses.Last().How, Does.Contain("DOOR is 1, a parameter not imported"));
    }
}

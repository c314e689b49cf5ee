using Newtonsoft.Json.Linq;
using UsocHil.Configuration;
using UsocHil.Sequencing.Steps;
using UsocHil.Testing.Fakes;

namespace UsocHil.Tests.Sequencing;

/// <summary>Each kind of mistake in a step gives one problem, at the JSON path of the field at fault, saying what is wrong.</summary>
public sealed class StepReaderTests
{
    private static IReadOnlyList<ConfigurationProblem> Read(string json)
    {
        var context = new SequenceBuildContext("test.json", TestRigs.Furnace());
        context.DataSets["points"] = new HashSet<string>(StringComparer.Ordinal) { "TC1_RAW", "dmm" };
        context.Fits["TC1"] = 2;
        context.Marks.Add("start");
        StepFactory.Read(JObject.Parse(json), "$.steps[0]", context);
        return context.Problems;
    }

    private static readonly object[] s_cases =
    [
        new object[] { """{ "kind": "power", "lines": { "FAULT_N": true } }""", "lines.FAULT_N", "GPIO line 'FAULT_N' is an input" },
        new object[] { """{ "kind": "power", "lines": { "LASER": true } }""", "lines.LASER", "unknown GPIO line 'LASER'; furnace-em has: POWER_EN, HEATER_ARM, FAULT_N" },
        new object[] { """{ "kind": "power", "supply": "half" }""", "supply", "'half' is not on or off" },
        new object[] { """{ "kind": "power", "supply": "on", "instrument": "dmm2" }""", "instrument", "unknown instrument 'dmm2'" },
        new object[] { """{ "kind": "power" }""", "", "a power step needs lines, supply, volts or a combination" },
        new object[] { """{ "kind": "command", "command": "SET_PARAMETERS" }""", "command", "SET_PARAMETERS is service 20: use a set step" },
        new object[] { """{ "kind": "command", "command": "ENABLE_HOUSEKEEPING" }""", "arguments", "ENABLE_HOUSEKEEPING needs argument 'structureId'" },
        new object[] { """{ "kind": "command", "command": "HEATER_ON", "checkTiming": "yes" }""", "checkTiming", "wrong type: expected true or false" },
        new object[] { """{ "kind": "set", "parameters": { "PID_KP": 501 } }""", "parameters.PID_KP", "501 is out of PID_KP's range [0, 500] W/K" },
        new object[] { """{ "kind": "set", "parameters": { "SERIAL_NUMBER": 1 } }""", "parameters.SERIAL_NUMBER", "parameter 'SERIAL_NUMBER' is read-only" },
        new object[] { """{ "kind": "set" }""", "", "missing required field 'parameters'" },
        new object[] { """{ "kind": "wait", "parameter": "CONTROL_TEMP", "above": 3 }""", "", "a wait on telemetry needs timeoutSeconds, so it cannot wait forever" },
        new object[] { """{ "kind": "wait", "parameter": "CONTROL_TEMP", "timeoutSeconds": 5 }""", "", "a wait on telemetry needs a condition: near, above, below, equals, bitsSet or stable" },
        new object[] { """{ "kind": "wait", "parameter": "MODE", "equals": "RUNNING", "timeoutSeconds": 5 }""", "equals", "'RUNNING' is not a value of MODE: BOOTING, IDLE, CONTROL, OPEN_LOOP, SAFE" },
        new object[] { """{ "kind": "wait", "parameter": "CONTROL_TEMP", "near": 300, "tolerance": -1, "timeoutSeconds": 5 }""", "tolerance", "-1 is out of range [0, inf]" },
        new object[] { """{ "kind": "wait", "parameter": "CONTROL_TEMP", "near": 300, "tolerance": 1, "timeoutSeconds": 5, "stable": { "seconds": 60, "rate": 1 } }""", "stable.rate", "unknown field 'rate'" },
        new object[] { """{ "kind": "wait", "parameter": "FAULT_FLAGS", "bitsSet": 1.5, "timeoutSeconds": 5 }""", "bitsSet", "wrong type: expected a whole number" },
        new object[] { """{ "kind": "wait" }""", "", "a wait step needs a parameter condition or seconds" },
        new object[] { """{ "kind": "wait", "seconds": 5, "onTimeout": "later" }""", "onTimeout", "'later' is not a timeout policy: fail (the default) or continue" },
        new object[] { """{ "kind": "sweep", "variable": "t", "values": [ 1, "two" ], "steps": [] }""", "values[1]", "wrong type: expected a number" },
        new object[] { """{ "kind": "sweep", "variable": "t", "values": [ 300 ], "steps": [ { "kind": "set", "parameters": { "SETPOINT": "$u" } } ] }""", "steps[0].parameters.SETPOINT", "unknown variable $u; in scope here: $t" },
        new object[] { """{ "kind": "sample", "name": "p", "parameters": [ "TC9_RAW" ] }""", "parameters[0]", "unknown parameter 'TC9_RAW' (not in furnace-em's dictionary)" },
        new object[] { """{ "kind": "sample", "name": "p", "parameters": [ "TC1_RAW" ], "reference": "supply" }""", "reference", "instrument 'supply' has no reference measurement" },
        new object[] { """{ "kind": "sample", "name": "p", "parameters": [ "TC1_RAW" ], "count": 0 }""", "count", "0 is out of range [1, 10000]" },
        new object[] { """{ "kind": "fit", "name": "F", "data": "nowhere", "x": "TC1_RAW", "y": "dmm" }""", "data", "no sample step before this one fills data set 'nowhere'" },
        new object[] { """{ "kind": "fit", "name": "F", "data": "points", "x": "TC2_RAW", "y": "dmm" }""", "x", "data set 'points' has no column 'TC2_RAW'; it has: TC1_RAW, dmm" },
        new object[] { """{ "kind": "fit", "name": "F", "data": "points", "x": "TC1_RAW", "y": "dmm", "order": 6 }""", "order", "6 is out of range [1, 5]" },
        new object[] { """{ "kind": "upload", "fit": "TC1", "parameters": [ "TC1_C0", "TC1_C1" ] }""", "parameters", "fit 'TC1' has order 2: give 3 parameters for its coefficients, c0 first" },
        new object[] { """{ "kind": "upload", "fit": "TC7", "parameters": [ "TC1_C0" ] }""", "fit", "no fit step before this one makes 'TC7'" },
        new object[] { """{ "kind": "verify", "checks": [ { "check": "speed" } ] }""", "checks[0].check", "unknown check 'speed'; known: agreement, consistency, disturbance, dynamics, housekeeping-rate, robustness, value" },
        new object[] { """{ "kind": "verify", "checks": [ { "check": "consistency", "expectation": "tc-agree" } ] }""", "checks[0].expectation", "rig furnace-em declares no consistency expectation 'tc-agree'" },
        new object[] { """{ "kind": "verify", "checks": [ { "check": "dynamics", "since": "later", "target": 300 } ] }""", "checks[0].since", "no mark step before this one is named 'later'" },
        new object[] { """{ "kind": "verify", "checks": [ { "check": "agreement", "parameters": [ "TC1_TEMP" ], "within": 0.3 } ] }""", "checks[0]", "missing required field 'reference'" },
        new object[] { """{ "kind": "verify", "checks": [] }""", "checks", "a verify step needs at least one check" },
        new object[] { """{ "kind": "inhibit", "parameters": [ "SETPOINT" ], "steps": [] }""", "parameters[0]", "SETPOINT has no limits to inhibit" },
        new object[] { """{ "kind": "prompt", "message": 3 }""", "message", "wrong type: expected a string" },
        new object[] { """{ "kind": "mark", "name": "m", "label": [] }""", "label", "wrong type: expected a string" },
        new object[] { """{ "kind": "optimise", "method": "brent", "maxEvaluations": 5, "variables": [ { "name": "x", "initial": 1, "min": 0, "max": 2 } ], "evaluation": [ { "kind": "mark", "name": "m" } ], "objective": { "parameter": "CONTROL_TEMP", "since": "m", "seconds": 10, "target": 1 } }""", "method", "brent is not offered" },
        new object[] { """{ "kind": "optimise", "method": "nelder-mead", "maxEvaluations": 5, "variables": [ { "name": "x", "initial": 3, "min": 0, "max": 2 } ], "evaluation": [ { "kind": "mark", "name": "m" } ], "objective": { "parameter": "CONTROL_TEMP", "since": "m", "seconds": 10, "target": 1 } }""", "variables[0]", "x: need min < max and initial within them" },
        new object[] { """{ "kind": "optimise", "method": "nelder-mead", "maxEvaluations": 5, "variables": [ { "name": "x", "initial": 1, "min": 0, "max": 2 } ], "evaluation": [ { "kind": "mark", "name": "m" } ], "objective": { "parameter": "CONTROL_TEMP", "since": "n", "seconds": 10, "target": 1 } }""", "objective.since", "no mark step in the evaluation is named 'n'" },
        new object[] { """{ "kind": "optimise", "method": "nelder-mead", "maxEvaluations": 5, "variables": [ { "name": "x y", "initial": 1, "min": 0, "max": 2 } ], "evaluation": [], "objective": { "parameter": "CONTROL_TEMP", "since": "start", "seconds": 10, "target": 1 } }""", "variables[0].name", "'x y' is not a variable name" },
    ];

    [TestCaseSource(nameof(s_cases))]
    public void Read_OneMistake_OneProblemAtTheFieldSayingWhat(string json, string field, string message)
    {
        IReadOnlyList<ConfigurationProblem> problems = Read(json);

        Assert.That(problems, Has.Count.EqualTo(1), string.Join("\n", problems));
        Assert.That(problems[0].JsonPath, Is.EqualTo(field.Length == 0 ? "$.steps[0]" : "$.steps[0]." + field));
        Assert.That(problems[0].Message, Does.Contain(message));
        Assert.That(problems[0].File, Is.EqualTo("test.json"));
        Assert.That(problems[0].Line, Is.GreaterThan(0));
    }
}

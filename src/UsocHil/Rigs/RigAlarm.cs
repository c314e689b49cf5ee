namespace UsocHil.Rigs;

public enum RigAlarmKind
{
    /// <summary>A link to the payload or an instrument broke.</summary>
    LinkLost,

    /// <summary>A red limit tripped (after its persistence count).</summary>
    HardLimitViolated,

    /// <summary>The payload reported a boot while a run was active: volatile state is gone.</summary>
    DeviceRebooted,

    /// <summary>A yellow limit or a device event worth telling the operator about; does not stop the run.</summary>
    Warning,
}

/// <summary>Something the rig session noticed on its own, outside any step: the run decides what it means.</summary>
public sealed record RigAlarm(RigAlarmKind Kind, string Source, string Message, DateTimeOffset RigTime);

using System.Globalization;
using Serilog;
using UsocHil.Configuration;
using UsocHil.Records;
using UsocHil.Reporting;
using UsocHil.Results;
using UsocHil.Safing;
using UsocHil.Sequencing;

namespace UsocHil.Hosting;

/// <summary>
/// One run of a sequence on a station's rig, shared by every front end: the sequence is checked before anything
/// opens, the clock chosen, the rig's lock taken (one rig, one run), the run opened in the archive before the rig is
/// touched, the rig connected (its emulator started when the station says so), the observers wired, signals and the
/// front end's abort turned into an operator abort (a second one during safing is refused), and the record sealed. A run whose archive fails is stopped at once
/// (the rig safed first) and ends in a <see cref="RecordingFailedException"/>: a run nobody can read back is not run on.
/// </summary>
public sealed class RunHost
{
    /// <summary>The event a run records when it was started with --raw (results show and the report list it).</summary>
    public const string RawPacketsEnabled = "raw packet sending enabled (--raw): raw steps may send bytes outside the dictionary, unverified";

    private readonly HostedRunRequest _request;
    private readonly TimeProvider _wall;
    private readonly TextWriter _notices;
    private readonly List<IOperatorConsole> _consoles = [];
    private SequenceRun? _run;
    private IRunObserver? _observer;
    private volatile bool _over;

    private RunHost(HostedRunRequest request, LoadedRig rig, string sequenceFile, SequencePlan plan, RunClock clock, TimeProvider wall, TextWriter notices)
    {
        _request = request;
        Rig = rig;
        SequenceFile = sequenceFile;
        Plan = plan;
        Clock = clock;
        _wall = wall;
        _notices = notices;
    }

    public LoadedRig Rig { get; }

    public string SequenceFile { get; }

    public SequencePlan Plan { get; }

    public RunClock Clock { get; }

    public string ResultsPath => _request.ResultsPath ?? _request.Station.ResultsPath;

    /// <summary>The sequence has prompts and nobody answers them for the operator (no --yes): someone must attend the run.</summary>
    public bool NeedsOperator => Plan.OperatorPrompts > 0 && !_request.AssumeYes;

    /// <summary>Who runs it, for the record.</summary>
    public string Operator => _request.OperatorName;

    /// <summary>What this run can be taken as evidence of: the kind of item it runs on and the sequence's status.</summary>
    public VerificationScope Scope => VerificationScope.Of(ItemKind.Of(Rig.Binding.Emulated, Rig.Definition.Model), Plan.Approval);

    /// <summary>
    /// Adds a place the operator attends the run from (a terminal, the monitor page), before <see cref="RunAsync"/>:
    /// prompts are put to every console, and each may hold, resume and abort.
    /// </summary>
    public void Attend(IOperatorConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _consoles.Add(console);
    }

    /// <summary>Holds the run at the next step boundary; false when refused (held already, safing, over, not started).</summary>
    /// <param name="by">Who, where and when, for the record.</param>
    public bool RequestHold(string by) => _run?.RequestHold(by) ?? false;

    /// <summary>Resumes a held run, or withdraws a hold not yet reached; false when there is nothing to resume.</summary>
    public bool Resume(string by) => _run?.Resume(by) ?? false;

    /// <summary>Called with every link the session opens (payload and instruments), for its statistics.</summary>
    public Action<string, Links.LinkStatistics>? LinkOpened { get; set; }

    /// <summary>Checks the request (rig, sequence) and chooses the clock; nothing is opened yet.</summary>
    /// <param name="notices">Where abort notices go (standard error for a command line).</param>
    public static RunHost Prepare(HostedRunRequest request, TimeProvider wall, TextWriter notices)
    {
        ArgumentNullException.ThrowIfNull(request);
        LoadedRig rig = request.Station.Rig(request.Rig);
        string sequenceFile = rig.SequenceFile(request.Sequence);
        SequencePlan plan = SequenceLoader.Load(sequenceFile, rig.Definition, displayName: null, request.AllowRawPackets, request.Registries.Steps);
        return new RunHost(request, rig, sequenceFile, plan, RunClock.For(rig, wall, request.TimeScale), wall, notices);
    }

    /// <summary>An operator abort from any source; false when refused (safing is under way, or the run is over).</summary>
    public bool RequestAbort(string source)
    {
        if (_over)
        {
            _notices.WriteLine($"usoc-hil: {source} ignored: the run is over and its record is being sealed");
            return false;
        }

        if (_run is null || !_run.RequestAbort(source))
        {
            _notices.WriteLine($"usoc-hil: {source} ignored: safing is in progress and must finish (at most {Rig.Definition.Safing.BudgetSeconds:G3} s)");
            return false;
        }

        _notices.WriteLine($"usoc-hil: {source}: aborting, the rig is being made safe");
        _observer?.OnEvent(new RunEvent("operator", "warning", $"{source}: aborting, the rig is being made safe", Clock.Time.GetUtcNow()));
        return true;
    }

    /// <param name="observers">Progress, monitor and any other observer; the archive's is added.</param>
    /// <param name="log">The run's log.</param>
    /// <param name="starting">Called once the run is open in the archive, just before the rig is touched.</param>
    /// <param name="whileRunning">Awaited while the run lasts (a live display), with the run's task.</param>
    /// <exception cref="RecordingFailedException">The archive failed: the run was stopped and the rig safed.</exception>
    /// <exception cref="RigBusyException">Another run holds the rig; nothing was opened.</exception>
    /// <exception cref="RunRefusedException">A guard of the station refused the run (no booking of the rig); nothing was opened.</exception>
    public async Task<HostedRun> RunAsync(IEnumerable<IRunObserver> observers, ILogger log, Action? starting = null, Func<Task<RunResult>, Task>? whileRunning = null,
        CancellationToken cancellationToken = default)
    {
        if (NeedsOperator && _consoles.Count == 0)
        {
            throw new OperatorRequiredException(Plan.Name, Plan.OperatorPrompts);
        }

        if (_request.Formal && string.IsNullOrWhiteSpace(_request.Waiver))
        {
            string[] deviations = [.. new[] { _request.AssumeYes ? "--yes" : null, _request.AllowRawPackets ? "--raw" : null,
                Plan.ContinuesOnTimeout > 0 ? $"continue-on-timeout ({Plan.ContinuesOnTimeout} wait step(s) of {Plan.Name})" : null,
                Plan.Approval.IsApproved ? null : $"a draft sequence ({Plan.Name} is not approved)" }.OfType<string>()];
            if (deviations.Length > 0)
            {
                throw new RunRefusedException($"a formal run refuses {string.Join(", ", deviations)} without --waiver ID");
            }
        }

        IReadOnlyList<string> referenceProblems = ReferenceRegister.Problems(_request.Station.Config, Rig, DateOnly.FromDateTime(_wall.GetUtcNow().UtcDateTime));
        if (referenceProblems.Count > 0 && !_request.AcceptInvalidReference)
        {
            throw new RunRefusedException($"{referenceProblems[0]}; --accept-invalid-reference runs anyway, not valid for acceptance");
        }

        using RigLock rigLock = RigLock.Take(_request.Station, Rig.Name, Plan.Name, _wall);
        await using RunAdmissions admissions = await RunAdmissions.AdmitAsync(_request.Registries.Guards, Rig.Name, Operator,
            reason => RequestAbort(reason), cancellationToken).ConfigureAwait(false);
        await using RunArchiving archiving = await RunArchiving.BeginAsync(
            ResultsPath, _request.Station, Rig, SequenceFile, Plan.Approval, Operator, _wall, Clock.Time, log, _request.Registries.Stores, cancellationToken).ConfigureAwait(false);
        var deviationLog = new DeviationLog();
        var observer = new RunObservers([.. observers, archiving.Observer, deviationLog, new FollowingEndsWhenSafe(Clock)], log);
        _observer = observer;
        if (_request.AllowRawPackets)
        {
            log.Warning("Raw packet sending is enabled (--raw): raw steps send bytes outside the dictionary, unverified");
            observer.OnEvent(new RunEvent("harness", "warning", RawPacketsEnabled, Clock.Time.GetUtcNow()));
            observer.OnEvent(Deviations.Event(Deviations.RawSending, "--raw: raw steps may send packets outside the dictionary", Clock.Time.GetUtcNow()));
        }

        if (!string.IsNullOrWhiteSpace(_request.Waiver))
        {
            observer.OnEvent(Deviations.Event(Deviations.Waiver, $"{_request.Waiver.Trim()} allows this run's deviations from the procedure", Clock.Time.GetUtcNow()));
            if (_request.Formal && !Plan.Approval.IsApproved)
            {
                observer.OnEvent(Deviations.Event(Deviations.DraftProcedure, $"formal run of {Plan.Name}, a draft sequence not approved, under waiver {_request.Waiver.Trim()}", Clock.Time.GetUtcNow()));
            }
        }

        if (Scope.ValidationWarning is { } notValidated)
        {
            log.Warning("{Warning}", notValidated);
            observer.OnEvent(new RunEvent("harness", "warning", notValidated, Clock.Time.GetUtcNow()));
        }

        if (Rig.Binding.Emulated)
        {
            observer.OnEvent(new RunEvent("emulator", "info", EmulatedBy(), Clock.Time.GetUtcNow()));
        }

        foreach (string problem in referenceProblems)
        {
            log.Warning("Not valid for acceptance: {Problem}", problem);
            observer.OnEvent(new RunEvent("register", "warning", $"NOT VALID FOR ACCEPTANCE: {problem}", Clock.Time.GetUtcNow()));
        }

        using var signals = new RunSignals(signal => RequestAbort(signal));
        using CancellationTokenRegistration onToken = cancellationToken.Register(() => RequestAbort("cancellation"));
        RunResult result;
        await using (var connector = new RigConnector(_request.Station, Rig, _request.Registries, Clock, log) { TruthFile = _request.TruthFile, LinkOpened = LinkOpened })
        {
            var options = new RunOptions
            {
                AssumeYes = _request.AssumeYes,
                StepTimeoutFloor = RunOptions.StepTimeoutFloorFor(Clock.Scale),
                AllowRawPackets = _request.AllowRawPackets,
                Prompt = _consoles.Count == 0 ? null : new OperatorDesk(_consoles, _wall, log),
            };
            _run = new SequenceRun(Plan, Rig.Definition, async ct => RecordingPackets(await connector.ConnectAsync(ct).ConfigureAwait(false), archiving), options, observer, Clock.Time,
                new RigSafing(_wall, log), log);
            _ = archiving.Failure.ContinueWith(failed => RequestAbort($"results archive failed ({failed.Result.Message})"),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            starting?.Invoke();
            using var attending = new CancellationTokenSource();
            var controls = new OperatorControls(this, Operator, _wall);
            Task[] consoles = [.. _consoles.Select(c => Task.Run(() => AttendUntilOverAsync(c, controls, log, attending.Token), CancellationToken.None))];
            try
            {
                Task<RunResult> running = _run.RunAsync(CancellationToken.None);
                if (whileRunning is not null)
                {
                    await whileRunning(running).ConfigureAwait(false);
                }

                result = await running.ConfigureAwait(false);
            }
            finally
            {
                await attending.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(consoles).ConfigureAwait(false);
            }
        }

        try
        {
            try
            {
                if (await CalibrationOrigin.FindAsync(archiving.Store, Rig.Name, archiving.RunId, result.Measurements, Clock.Time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false) is { } origin)
                {
                    observer.OnEvent(origin);
                }
            }
            catch (ResultsArchiveException ex)
            {
                log.Warning(ex, "The calibration the unit loaded could not be traced in the archive");
            }

            _over = true;
            string? report = await archiving.FinishAsync(Rig, _request.ReportDirectory, result, _request.Registries.Sinks, CancellationToken.None).ConfigureAwait(false);
            var context = new RunContext(_request.Station.Config.Station, archiving.RunId, $"{Rig.Name} ({Rig.Definition.Model ?? "model not stated"})",
                $"station {_request.Station.Config.Station}, sequence {Plan.Name}, references: {ReferenceRegister.Describe(_request.Station.Config, Rig)}",
                $"run {archiving.RunId} in {ResultsPath}");
            IReadOnlyList<string> drafts = [];
            try
            {
                drafts = await NonconformanceDrafts.WriteAsync(Path.Combine(_request.Station.Directory, "nonconformances"),
                    NonconformanceDrafts.Of(context, result, referenceProblems, deviationLog.Deviations), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                log.Error(ex, "Nonconformance drafts of run {Run} could not be written", archiving.RunId);
            }

            foreach (string draft in drafts)
            {
                _notices.WriteLine($"usoc-hil: nonconformance drafted: {draft}");
            }

            return new HostedRun(result, archiving.RunId, ResultsPath, report, drafts);
        }
        finally
        {
            // A clock that followed the run stopped when the rig was safed (FollowingEndsWhenSafe); here also when the
            // run ended in an exception. Its thread ends.
            (Clock.Time as IDisposable)?.Dispose();
        }
    }

    /// <summary>Every space packet the session's payload link carries goes into the run's raw packet archive.</summary>
    private static Rigs.RigSession RecordingPackets(Rigs.RigSession session, RunArchiving archiving)
    {
        session.Packet += archiving.Observer.OnPacket;
        return session;
    }

    /// <summary>A console that fails stops attending; the run goes on (Ctrl-C and the other consoles still reach it).</summary>
    private static async Task AttendUntilOverAsync(IOperatorConsole console, OperatorControls controls, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            await console.AttendAsync(controls, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            log.Warning(ex, "Operator console {Console} stopped attending the run", console.GetType().Name);
        }
    }

    /// <summary>What stood in for the unit, as the record keeps it: verdicts from an emulator are the emulator's.</summary>
    private string EmulatedBy()
    {
        string faults = Rig.Binding.Faults.Count == 0 ? "no faults" : "faults " + string.Join(", ", Rig.Binding.Faults);
        return string.Create(CultureInfo.InvariantCulture,
            $"emulated by the '{Rig.Definition.WithEmulator(Rig.Binding.Emulator).Emulator ?? "?"}' emulator at {Clock.Describe()}, unit seed {Rig.Binding.Seed}, {faults}");
    }
}

using System.Device.Gpio;

namespace UsocHil.IntegrationTests.Contracts;

/// <summary>
/// What every GPIO driver must do behind <see cref="GpioController"/>: modes (with pulls) reported back, outputs seen
/// on the wire, inputs following what the outside drives, edges as callbacks and waits.
/// </summary>
public abstract class GpioDriverContract
{
    private const int OutputPin = 17;
    private const int InputPin = 22;

    /// <summary>The driver under test and the world outside its pins.</summary>
    protected abstract Task<(GpioDriver Driver, IPinWorld World)> CreateAsync(CancellationToken cancellationToken);

    [Test]
    [CancelAfter(10_000)]
    public async Task Write_Output_SeenOnTheWireAndReadBack(CancellationToken cancellationToken)
    {
        (GpioDriver driver, IPinWorld world) = await CreateAsync(cancellationToken);
        using var controller = new GpioController(driver);
        controller.OpenPin(OutputPin, PinMode.Output, PinValue.Low);

        controller.Write(OutputPin, PinValue.High);
        bool highOnWire = world.GetLevel(OutputPin);
        PinValue readHigh = controller.Read(OutputPin);
        controller.Write(OutputPin, PinValue.Low);

        Assert.That(highOnWire, Is.True);
        Assert.That(readHigh, Is.EqualTo(PinValue.High));
        Assert.That(world.GetLevel(OutputPin), Is.False);
        Assert.That(controller.GetPinMode(OutputPin), Is.EqualTo(PinMode.Output));
    }

    [TestCase(PinMode.InputPullUp, true)]
    [TestCase(PinMode.InputPullDown, false)]
    [CancelAfter(10_000)]
    public async Task Read_UndrivenInput_ReadsItsPull(PinMode mode, bool expectedHigh, CancellationToken cancellationToken)
    {
        (GpioDriver driver, IPinWorld _) = await CreateAsync(cancellationToken);
        using var controller = new GpioController(driver);
        controller.OpenPin(InputPin, mode);

        Assert.That(controller.Read(InputPin) == PinValue.High, Is.EqualTo(expectedHigh));
        Assert.That(controller.GetPinMode(InputPin), Is.EqualTo(mode));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Read_InputDrivenFromOutside_FollowsIt(CancellationToken cancellationToken)
    {
        (GpioDriver driver, IPinWorld world) = await CreateAsync(cancellationToken);
        using var controller = new GpioController(driver);
        controller.OpenPin(InputPin, PinMode.InputPullUp);

        world.Drive(InputPin, false);
        PinValue low = controller.Read(InputPin);
        world.Drive(InputPin, true);

        Assert.That(low, Is.EqualTo(PinValue.Low));
        Assert.That(controller.Read(InputPin), Is.EqualTo(PinValue.High));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Write_SeveralPinsAtOnce_AllReachTheWire(CancellationToken cancellationToken)
    {
        (GpioDriver driver, IPinWorld world) = await CreateAsync(cancellationToken);
        using var controller = new GpioController(driver);
        foreach (int pin in new[] { 5, 6, 40 })
        {
            controller.OpenPin(pin, PinMode.Output, PinValue.Low);
        }

        controller.Write([new PinValuePair(5, PinValue.High), new PinValuePair(6, PinValue.Low), new PinValuePair(40, PinValue.High)]);
        PinValuePair[] readBack = [new(5, PinValue.Low), new(6, PinValue.High), new(40, PinValue.Low)];
        controller.Read(readBack);

        Assert.That(new[] { world.GetLevel(5), world.GetLevel(6), world.GetLevel(40) }, Is.EqualTo(new[] { true, false, true }));
        Assert.That(readBack.Select(p => p.PinValue == PinValue.High), Is.EqualTo(new[] { true, false, true }));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Callback_InputEdges_RaisedWithDirection(CancellationToken cancellationToken)
    {
        (GpioDriver driver, IPinWorld world) = await CreateAsync(cancellationToken);
        using var controller = new GpioController(driver);
        controller.OpenPin(InputPin, PinMode.InputPullUp);
        var falling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rising = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        controller.RegisterCallbackForPinValueChangedEvent(InputPin, PinEventTypes.Rising | PinEventTypes.Falling, (_, e) =>
        {
            (e.ChangeType == PinEventTypes.Falling ? falling : rising).TrySetResult();
        });

        world.Drive(InputPin, false);
        await falling.Task.WaitAsync(cancellationToken);
        world.Drive(InputPin, true);
        await rising.Task.WaitAsync(cancellationToken);

        Assert.That(falling.Task.IsCompletedSuccessfully && rising.Task.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task WaitForEvent_EdgeOrTimeout_Reported(CancellationToken cancellationToken)
    {
        (GpioDriver driver, IPinWorld world) = await CreateAsync(cancellationToken);
        using var controller = new GpioController(driver);
        controller.OpenPin(InputPin, PinMode.InputPullDown);

        WaitForEventResult quiet = controller.WaitForEvent(InputPin, PinEventTypes.Rising, TimeSpan.FromMilliseconds(50));
        Task<WaitForEventResult> waiting = Task.Run(() => controller.WaitForEvent(InputPin, PinEventTypes.Rising, TimeSpan.FromSeconds(5)), cancellationToken);
        while (!waiting.IsCompleted)
        {
            world.Drive(InputPin, true);
            await Task.Delay(20, cancellationToken);
            world.Drive(InputPin, false);
            await Task.Delay(20, cancellationToken);
        }

        Assert.That(quiet.TimedOut, Is.True);
        Assert.That((await waiting).TimedOut, Is.False);
        Assert.That((await waiting).EventTypes, Is.EqualTo(PinEventTypes.Rising));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task OpenPin_BeyondThePins_Throws(CancellationToken cancellationToken)
    {
        (GpioDriver driver, IPinWorld _) = await CreateAsync(cancellationToken);
        using var controller = new GpioController(driver);

        Assert.That(() => controller.OpenPin(54, PinMode.Output), Throws.Exception);
    }
}

/// <summary>The other side of the pins: what a payload drives and sees.</summary>
public interface IPinWorld
{
    bool GetLevel(int pin);

    void Drive(int pin, bool high);
}

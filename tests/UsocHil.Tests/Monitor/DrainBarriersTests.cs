using UsocHil.Monitor;

namespace UsocHil.Tests.Monitor;

public sealed class DrainBarriersTests
{
    [Test]
    public void Wait_NothingPosted_IsAlreadyDrained()
    {
        Assert.That(new DrainBarriers().Wait(), Is.Null);
    }

    [Test]
    public void Release_OnlyOnceEveryReportPostedBeforeTheWaitIsHandled()
    {
        var barriers = new DrainBarriers();
        barriers.Posted();
        barriers.Posted();
        Task drained = barriers.Wait()!;
        barriers.Posted(); // after the wait: not waited for

        barriers.Handled();
        barriers.Release();
        Assert.That(drained.IsCompleted, Is.False);

        barriers.Handled();
        barriers.Release();
        Assert.That(drained.IsCompleted, Is.True);
    }

    [Test]
    public void Release_All_CompletesEveryWaitWhenNothingMoreWillBeHandled()
    {
        var barriers = new DrainBarriers();
        barriers.Posted();
        Task drained = barriers.Wait()!;

        barriers.Release(all: true);

        Assert.That(drained.IsCompleted, Is.True);
    }
}

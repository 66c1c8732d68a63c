using Qingyun.Infrastructure;

namespace Qingyun.Tests.Unit;

/// <summary>
/// A poll that lands as an import ends must see either the import still running or the whole end — never the
/// outcome with the phase still "Writing" (a client waiting for "Done" gives up), nor the end without its outcome
/// (the page shows an empty panel). CI caught the first once, on PostgreSQL.
/// </summary>
public sealed class ImportJobTests
{
    private sealed record Written(int Created) : ImportOutcome([])
    {
        public override IEnumerable<KeyValuePair<string, int>> Counts() => [new("created", Created)];
    }

    [Fact]
    public void AnOutcomeSetButNotYetFinished_ReadsAsStillWriting_ThenAsDoneWithItsOutcome()
    {
        var job = new ImportJob(Guid.CreateVersion7(), Guid.CreateVersion7(), "admin", "members", DateTimeOffset.UnixEpoch);
        job.Progress.SetTotal(3);
        job.Progress.Enter(ImportPhase.Writing);

        job.Outcome = new Written(3);
        var writing = job.Read();
        Assert.False(writing.Finished);
        Assert.Equal(ImportPhase.Writing, writing.Phase);
        Assert.Null(writing.Outcome);

        // The phase has moved on, the job has not yet said it is finished.
        job.Progress.Enter(ImportPhase.Done);
        var ending = job.Read();
        Assert.False(ending.Finished);
        Assert.Equal(ImportPhase.Writing, ending.Phase);
        Assert.Null(ending.Outcome);

        job.Finish(DateTimeOffset.UnixEpoch.AddSeconds(1));
        var done = job.Read();
        Assert.True(done.Finished);
        Assert.Equal(ImportPhase.Done, done.Phase);
        Assert.Equal(3, Assert.IsType<Written>(done.Outcome).Created);
        Assert.Equal(3, done.Total);
    }

    [Fact]
    public void ACrashedImport_ReadsAsFinishedAndCrashed_OnlyOnceItHasFinished()
    {
        var job = new ImportJob(Guid.CreateVersion7(), Guid.CreateVersion7(), "admin", "members", DateTimeOffset.UnixEpoch);
        job.Crashed = true;
        Assert.False(job.Read().Crashed);
        job.Finish(DateTimeOffset.UnixEpoch);
        var seen = job.Read();
        Assert.True(seen.Finished);
        Assert.True(seen.Crashed);
        Assert.Null(seen.Outcome);
    }
}

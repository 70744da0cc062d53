using System.Data;
using System.Data.Common;
using Npgsql;
using SfHsSync.Engine.State;
using SfHsSync.Engine.State.PostgreSql;
using Xunit;

namespace SfHsSync.Engine.Tests.State;

/// <summary>
/// A PostgreSQL unit of work is sent again after a dropped connection, but never after its COMMIT failed: the server
/// may have committed before the connection dropped, and sending it again could apply it twice.
/// </summary>
public sealed class CommitRetryTests
{
    private static NpgsqlException Dropped() => new("Exception while reading from stream", new IOException("Connection reset by peer"));

    [Fact]
    public void A_dropped_connection_before_the_commit_is_retried()
    {
        Assert.True(PostgreSqlStateStore.IsRetryable(Dropped()));
    }

    [Fact]
    public async Task A_commit_whose_connection_dropped_is_marked_and_not_retried()
    {
        var dropped = Dropped();
        var thrown = await Assert.ThrowsAsync<NpgsqlException>(() => SqlStateStore.CommitTransactionAsync(new FailingCommit(dropped), CancellationToken.None));

        Assert.Same(dropped, thrown);
        Assert.True(thrown.Data.Contains(SqlStateStore.CommitOutcomeUnknown));
        Assert.False(PostgreSqlStateStore.IsRetryable(thrown));
    }

    [Fact]
    public async Task A_commit_that_succeeds_leaves_nothing_marked()
    {
        var transaction = new FailingCommit(null);
        await SqlStateStore.CommitTransactionAsync(transaction, CancellationToken.None);
        Assert.True(transaction.Committed);
    }

    /// <summary>A transaction whose COMMIT throws <c>error</c> (or succeeds when it is null).</summary>
    private sealed class FailingCommit(Exception? error) : DbTransaction
    {
        public bool Committed { get; private set; }

        public override IsolationLevel IsolationLevel => IsolationLevel.ReadCommitted;

        protected override DbConnection? DbConnection => null;

        public override void Commit() => throw new NotSupportedException();

        public override Task CommitAsync(CancellationToken cancellationToken = default)
        {
            if (error is not null)
            {
                throw error;
            }

            Committed = true;
            return Task.CompletedTask;
        }

        public override void Rollback()
        {
        }
    }
}

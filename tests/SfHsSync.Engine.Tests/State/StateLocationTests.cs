using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.State;

public sealed class StateLocationTests
{
    [Theory]
    [InlineData("postgresql://sync:s3cret@db.example:5432/sfhs", "postgresql://sync:***@db.example:5432/sfhs")]
    [InlineData("postgres://sync@db/sfhs", "postgres://sync@db/sfhs")]
    [InlineData("postgresql://sync:s3cret@db/sfhs?sslmode=require&password=s3cret", "postgresql://sync:***@db/sfhs?sslmode=require&password=***")]
    [InlineData("Host=db;Username=sync;Password=s3cret;Database=sfhs", "Host=db;Username=sync;Password=***;Database=sfhs")]
    public void PostgreSQL_locations_are_recognised_and_never_show_the_password(string value, string display)
    {
        var location = StateLocation.Parse(value);
        Assert.Equal(StateProvider.PostgreSql, location.Provider);
        Assert.Equal(display, location.Display);
        Assert.Equal(display, location.ToString());
        Assert.DoesNotContain("s3cret", location.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_means_SQLite_and_is_made_absolute()
    {
        var location = StateLocation.Parse("state/sync.db");
        Assert.Equal(StateProvider.Sqlite, location.Provider);
        Assert.True(Path.IsPathRooted(location.Display));
        Assert.EndsWith(Path.Combine("state", "sync.db"), location.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explicit_value_wins_over_the_environment_which_wins_over_the_default()
    {
        var saved = Environment.GetEnvironmentVariable(StateLocation.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(StateLocation.EnvironmentVariable, "/tmp/from-env.db");
            Assert.Equal("/tmp/explicit.db", StateLocation.Resolve("/tmp/explicit.db").Display);
            Assert.Equal("/tmp/from-env.db", StateLocation.Resolve(null).Display);
            Environment.SetEnvironmentVariable(StateLocation.EnvironmentVariable, null);
            Assert.Equal(StateLocation.DefaultSqlitePath(), StateLocation.Resolve(null).Display);
            Assert.EndsWith(Path.Combine("SfHsSync", "state.db"), StateLocation.DefaultSqlitePath(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(StateLocation.EnvironmentVariable, saved);
        }
    }
}

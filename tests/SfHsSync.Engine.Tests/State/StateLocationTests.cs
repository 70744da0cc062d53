using SfHsSync.Engine.Errors;
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

    [Theory]
    [InlineData("mysql://localhost/db", "mysql")]
    [InlineData("sqlite:///tmp/state.db", "sqlite")]
    [InlineData("postgresq://sync:s3cret@db/sfhs", "postgresq")]
    [InlineData("https://db.example/state", "https")]
    public void A_URI_with_a_scheme_no_store_knows_is_refused_naming_the_known_schemes(string value, string scheme)
    {
        var ex = Assert.Throws<SyncException>(() => StateLocation.Parse(value));
        Assert.Equal("SyncStateLocationInvalid", ex.ErrorId);
        Assert.Equal(SyncErrorKind.InvalidArgument, ex.Kind);
        Assert.Contains($"'{scheme}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("postgresql://", ex.Message, StringComparison.Ordinal);
        Assert.Contains("postgres://", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
        Assert.False(StateLocation.IsFilePath(value));
    }

    [Theory]
    [InlineData("state.db", true)]
    [InlineData("./mysql/state.db", true)]
    [InlineData("C:\\sync\\state.db", true)]
    [InlineData("postgresql://db/sfhs", false)]
    [InlineData("Host=db;Database=sfhs", false)]
    public void A_file_path_is_told_from_a_URI_and_a_connection_string(string value, bool isFile)
        => Assert.Equal(isFile, StateLocation.IsFilePath(value));

    [Fact]
    public void A_relative_path_is_resolved_against_the_folder_given_not_the_process_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sfhs-location");
        Assert.Equal(Path.Combine(folder, "state", "sync.db"), StateLocation.Parse("state/sync.db", folder).Display);
    }
}

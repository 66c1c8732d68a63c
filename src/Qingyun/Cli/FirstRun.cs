using Microsoft.EntityFrameworkCore;
using Qingyun.Data;

namespace Qingyun.Cli;

/// <summary>On a database with no account yet, tells the operator how to make the first one.</summary>
public static class FirstRun
{
    public static async Task PrintHintAsync(IServiceProvider services, ILogger logger)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await db.Users.AnyAsync())
        {
            logger.LogWarning("尚无账号。请运行 `./qingyun create-admin --username admin --password <密码>`，或以 --demo 启动载入示范区。 No account yet: run create-admin, or start with --demo.");
        }
    }
}

using Qingyun.Data;
using Qingyun.Features.Volunteering;
using Qingyun.Security;

namespace Qingyun.Cli;

/// <summary>`qingyun verify`: re-walks every volunteer's hours record; exit code 2 if any line was changed outside the application.</summary>
public static class VerifyLedger
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("verify");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ledger = scope.ServiceProvider.GetRequiredService<ServiceLedger>();
        var problems = await ledger.VerifyAsync(db, n =>
        {
            if (n % 10_000 == 0)
            {
                output.WriteLine($"已校验 {n:N0} 名志愿者… / {n:N0} volunteers checked…");
            }
        }, CancellationToken.None);
        foreach (var p in problems)
        {
            var what = p.What switch
            {
                "Altered" => "内容被改动 / line altered",
                "BrokenLink" => "与上一条的链接断开 / link to previous line broken",
                "Missing" => "缺少记录 / line missing",
                "HeadMismatch" => "记录条数或末条哈希与志愿者不符 / head of record does not match",
                _ => "累计时长与记录不符 / total does not match the lines",
            };
            output.WriteLine($"志愿者 {p.VolunteerNumber}" + (p.Sequence is { } s ? $" 第 {s} 条" : "") + $"：{what}");
        }
        output.WriteLine(problems.Count == 0 ? "志愿服务记录完整，未发现改动。 The hours record is intact." : $"发现 {problems.Count} 处问题。 {problems.Count} problems found.");
        return problems.Count == 0 ? 0 : 2;
    }
}

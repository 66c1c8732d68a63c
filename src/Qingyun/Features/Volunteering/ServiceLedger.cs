using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Volunteering;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>
/// The only way a line enters a volunteer's hours record. Each line gets the next number in the
/// volunteer's record and an HMAC over its content and the previous line's hash; the volunteer row keeps
/// the head (count, total, last hash) in the same save. The key is derived from the server's index key,
/// so someone with only database access cannot forge a consistent chain. Two appends racing for one
/// volunteer meet on the head's concurrency token and the unique (volunteer, number) index; the loser
/// re-reads the head and chains again.
/// </summary>
public sealed class ServiceLedger(SensitiveDataKeys keys, StarLevels stars)
{
    private readonly byte[] _key = HMACSHA256.HashData(keys.IndexKey, "qingyun/service-ledger/v1"u8);

    public StarLevels Stars => stars;

    /// <summary>
    /// Adds <paramref name="entry"/> to the volunteer's record and saves everything tracked with it (the
    /// change that caused it, its notices) in one transaction. Returns false if the entry clashes with a
    /// unique rule other than the chain (an attendance credited, an entry reversed or an import seen
    /// before): the caller's change is then not saved either.
    /// </summary>
    public async Task<bool> AppendAsync(AppDbContext db, ServiceEntry entry, CancellationToken ct)
    {
        var volunteer = await db.Volunteers.IgnoreQueryFilters().FirstAsync(v => v.Id == entry.VolunteerId, ct);
        db.ServiceEntries.Add(entry);
        for (var attempt = 0; ; attempt++)
        {
            Chain(volunteer, entry);
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException) when (attempt < 20)
            {
                if (await IsDuplicateAsync(db, entry, ct))
                {
                    db.Entry(entry).State = EntityState.Detached;
                    await db.Entry(volunteer).ReloadAsync(ct);
                    return false;
                }
                await db.Entry(volunteer).ReloadAsync(ct);
            }
        }
    }

    private static async Task<bool> IsDuplicateAsync(AppDbContext db, ServiceEntry e, CancellationToken ct)
    {
        var others = db.ServiceEntries.IgnoreQueryFilters().AsNoTracking();
        return (e.AttendanceId is { } a && await others.AnyAsync(x => x.AttendanceId == a, ct))
            || (e.ReversesEntryId is { } r && await others.AnyAsync(x => x.ReversesEntryId == r, ct))
            || (e.ExternalId is { } x2 && await others.AnyAsync(x => x.Source == e.Source && x.ExternalId == x2, ct));
    }

    private void Chain(Volunteer v, ServiceEntry e)
    {
        e.RecordedAt = Truncate(e.RecordedAt);
        e.Sequence = v.EntryCount + 1;
        e.PreviousHash = v.LedgerHead;
        e.Hash = HashOf(e);
        v.EntryCount = e.Sequence;
        v.LedgerHead = e.Hash;
        v.ConfirmedMinutes += e.Minutes;
        stars.Apply(v);
    }

    /// <summary>Both databases keep at least milliseconds; the hash must survive the round trip.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    public string HashOf(ServiceEntry e)
    {
        // Length-prefixed fields: no content can be shifted from one field into the next.
        var b = new StringBuilder();
        void Add(object? value)
        {
            var s = value switch
            {
                null => "",
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset t => t.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
            b.Append(s.Length).Append(':').Append(s).Append(';');
        }
        Add(e.Id); Add(e.VolunteerId); Add(e.UnitId); Add(e.ActivityId); Add(e.AttendanceId); Add((int)e.Kind); Add(e.Minutes);
        Add(e.ServiceDate); Add(e.Content); Add(e.ReversesEntryId); Add(e.Reason); Add(e.RecordedBy); Add(e.RecordedAt);
        Add(e.Source); Add(e.ExternalId); Add(e.Sequence); Add(e.PreviousHash);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(b.ToString())));
    }

    public sealed record Problem(string VolunteerNumber, int? Sequence, string What);

    /// <summary>
    /// Re-walks every volunteer's record: each line's hash, its link to the one before, the numbering,
    /// and the head kept on the volunteer (count, total, last hash). Streams volunteer by volunteer.
    /// </summary>
    public async Task<IReadOnlyList<Problem>> VerifyAsync(AppDbContext db, Action<int>? progress, CancellationToken ct)
    {
        var problems = new List<Problem>();
        var volunteers = await db.Volunteers.IgnoreQueryFilters().AsNoTracking()
            .Select(v => new { v.Id, v.Number, v.EntryCount, v.ConfirmedMinutes, v.LedgerHead }).ToListAsync(ct);
        var done = 0;
        foreach (var v in volunteers)
        {
            var prev = "";
            var expected = 1;
            long total = 0;
            await foreach (var e in db.ServiceEntries.IgnoreQueryFilters().AsNoTracking().Where(x => x.VolunteerId == v.Id)
                .OrderBy(x => x.Sequence).AsAsyncEnumerable().WithCancellation(ct))
            {
                if (e.Sequence != expected)
                {
                    problems.Add(new Problem(v.Number, expected, "Missing"));
                    expected = e.Sequence;
                }
                if (e.PreviousHash != prev)
                {
                    problems.Add(new Problem(v.Number, e.Sequence, "BrokenLink"));
                }
                if (HashOf(e) != e.Hash)
                {
                    problems.Add(new Problem(v.Number, e.Sequence, "Altered"));
                }
                prev = e.Hash;
                total += e.Minutes;
                expected++;
            }
            if (expected - 1 != v.EntryCount || prev != v.LedgerHead)
            {
                problems.Add(new Problem(v.Number, null, "HeadMismatch"));
            }
            else if (total != v.ConfirmedMinutes)
            {
                problems.Add(new Problem(v.Number, null, "TotalMismatch"));
            }
            progress?.Invoke(++done);
        }
        return problems;
    }
}

using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Direct;
using Qingyun.Infrastructure;

namespace Qingyun.Features.Direct;

/// <summary>One contact as lists show it: who was reached, how, when.</summary>
public sealed record ContactLine(Guid Id, DateOnly On, ContactChannel Channel, string? Note, IReadOnlyList<string> Youth);

/// <summary>A bound young person of a post, with the last time they were reached.</summary>
public sealed record BoundYouth(Guid BindingId, Guid PersonId, string Name, string? PhoneMasked, DateOnly BoundOn, DateOnly? EndedOn, string? EndNote, DateOnly? LastContactOn);

/// <summary>Logs contacts (联系记录) of a post with one or several of its young people, and lists them.</summary>
public sealed class Contacts(AppDbContext db, DirectPosts posts, TimeProvider clock)
{
    public sealed record Command(Guid TermId, DateOnly? On, ContactChannel? Channel, string? Note, IReadOnlyList<Guid>? YouthIds);

    /// <summary>One <see cref="DirectContact"/> and one <see cref="DirectContactYouth"/> per young person, saved together.</summary>
    public async Task<Result<DirectContact>> LogAsync(Command c, CancellationToken ct)
    {
        var open = await posts.OpenAsync(c.TermId, act: true, ct);
        if (!open.Ok)
        {
            return Result<DirectContact>.Fail(open.Failures);
        }
        var term = open.Value!.Term;
        var today = clock.ChinaToday();
        var failures = new List<Failure>();
        if (c.On is not { } on)
        {
            failures.Add(Failure.Required("ContactOn"));
        }
        else if (on > today)
        {
            failures.Add(new Failure("ContactOn", "DateInFuture"));
        }
        else if (on < term.StartedOn)
        {
            failures.Add(new Failure("ContactOn", "BeforeTermStart", 400, term.StartedOn.ShowDate()));
        }
        if (c.Channel is not { } channel)
        {
            failures.Add(Failure.Required("Channel"));
        }
        else if (!Enum.IsDefined(channel))
        {
            failures.Add(new Failure("Channel", "InvalidChoice"));
        }
        var note = c.Note?.Trim();
        if (note?.Length > DirectContact.NoteMaxLength)
        {
            failures.Add(Failure.TooLong("Note", DirectContact.NoteMaxLength));
        }
        var ids = (c.YouthIds ?? []).Where(i => i != Guid.Empty).Distinct().ToList();
        if (ids.Count == 0)
        {
            failures.Add(Failure.Required("YouthIds"));
        }
        else if (c.On is { } day)
        {
            // Each one bound to this post: live now, or ended on or after the day of the contact.
            var bound = await db.DirectBindings.IgnoreQueryFilters()
                .Where(b => b.CadreTermId == term.Id && ids.Contains(b.YouthPersonId) && (b.EndedOn == null || b.EndedOn >= day))
                .Select(b => b.YouthPersonId).Distinct().CountAsync(ct);
            if (bound != ids.Count)
            {
                failures.Add(new Failure("YouthIds", "NotBoundToPost", 400, ids.Count - bound));
            }
        }
        if (failures.Count > 0)
        {
            return Result<DirectContact>.Fail(failures);
        }
        var contact = new DirectContact
        {
            UnitId = term.UnitId, CadreTermId = term.Id, CadrePersonId = term.PersonId, On = c.On!.Value, Channel = c.Channel!.Value,
            Note = string.IsNullOrEmpty(note) ? null : note, ByUserName = db.Scope.UserName, CreatedAt = clock.GetUtcNow(),
        };
        db.DirectContacts.Add(contact);
        foreach (var id in ids)
        {
            db.DirectContactYouth.Add(new DirectContactYouth
            {
                ContactId = contact.Id, UnitId = term.UnitId, CadrePersonId = term.PersonId, YouthPersonId = id, On = contact.On, Channel = contact.Channel,
            });
        }
        // One SaveChanges is one transaction: the contact and all its young people, or nothing.
        await db.SaveChangesAsync(ct);
        return contact;
    }

    /// <summary>A post's contacts, newest first, with the names of the young people reached.</summary>
    public async Task<Result<IReadOnlyList<ContactLine>>> ListAsync(Guid termId, int take, CancellationToken ct)
    {
        var open = await posts.OpenAsync(termId, act: false, ct);
        if (!open.Ok)
        {
            return Result<IReadOnlyList<ContactLine>>.Fail(open.Failures);
        }
        return Result<IReadOnlyList<ContactLine>>.Success(await LinesAsync(termId, take, ct));
    }

    public async Task<IReadOnlyList<ContactLine>> LinesAsync(Guid termId, int take, CancellationToken ct)
    {
        var contacts = await db.DirectContacts.IgnoreQueryFilters().AsNoTracking().Where(x => x.CadreTermId == termId)
            .OrderByDescending(x => x.On).ThenByDescending(x => x.Id).Take(take).ToListAsync(ct);
        var ids = contacts.Select(x => x.Id).ToList();
        var names = await (from y in db.DirectContactYouth.IgnoreQueryFilters()
                           join p in db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on y.YouthPersonId equals p.Id
                           where ids.Contains(y.ContactId)
                           orderby p.Name
                           select new { y.ContactId, p.Name }).ToListAsync(ct);
        var byContact = names.ToLookup(n => n.ContactId, n => n.Name);
        return [.. contacts.Select(x => new ContactLine(x.Id, x.On, x.Channel, x.Note, [.. byContact[x.Id]]))];
    }

    /// <summary>The post's bindings (live first, then history) with each young person's last contact by this cadre.</summary>
    public async Task<IReadOnlyList<BoundYouth>> BoundAsync(DirectPost post, bool withEnded, CancellationToken ct)
    {
        var termId = post.Term.Id;
        var cadre = post.Term.PersonId;
        var unitId = post.Term.UnitId;
        var q = db.DirectBindings.IgnoreQueryFilters().AsNoTracking().Where(b => b.CadreTermId == termId);
        if (!withEnded)
        {
            q = q.Where(b => b.EndedOn == null);
        }
        var rows = await (from b in q
                          join p in db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on b.YouthPersonId equals p.Id
                          select new
                          {
                              b.Id, p.Name, p.PhoneMasked, b.YouthPersonId, b.BoundOn, b.EndedOn, b.EndNote,
                              Last = db.DirectContactYouth.IgnoreQueryFilters()
                                  .Where(y => y.CadrePersonId == cadre && y.UnitId == unitId && y.YouthPersonId == b.YouthPersonId)
                                  .Max(y => (DateOnly?)y.On),
                          }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.EndedOn is null ? 0 : 1).ThenBy(r => r.Last ?? DateOnly.MinValue).ThenBy(r => r.Name)
            .Select(r => new BoundYouth(r.Id, r.YouthPersonId, r.Name, r.PhoneMasked, r.BoundOn, r.EndedOn, r.EndNote, r.Last))];
    }
}

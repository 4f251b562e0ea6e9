// Independent implementation of Nära's stay-based indicator definitions in DuckDB SQL
// (../../../shared/spec/indicators.md §2-5 and docs/indicators/README.md), for the differential
// test and as the benchmarks' peer. Reads an extract in the canonical dialect written by
// `nara synth` and writes the indicator table rows of the indicators it covers.
//
//   node bench/peer/indicators.mjs EXTRACT --out FILE.csv [--threads 2]
//
// Covered: readmission_30d, readmission_30d_65plus, ready_days_mean_somatic,
// ready_days_mean_psychiatric, ready_days_total, discharged_day01_share, the five coordination
// shares, length_of_stay_mean. Not yet: rates per 100 000, contacts, the care guarantee.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const COVERED = [
  'admission_notice_24h_share', 'discharge_plan_share', 'discharged_day01_share',
  'fixed_care_contact_share', 'length_of_stay_mean', 'readmission_30d', 'readmission_30d_65plus',
  'ready_days_mean_psychiatric', 'ready_days_mean_somatic', 'ready_days_total',
  'sip_followup_share', 'sip_share',
];

function manifest(dir) {
  const text = readFileSync(join(dir, 'extract.toml'), 'utf8');
  const get = (key) => {
    const m = text.match(new RegExp(`^${key}\\s*=\\s*"?([^"\\n#]+?)"?\\s*(#.*)?$`, 'm'));
    if (!m) throw new Error(`extract.toml: no ${key}`);
    return m[1].trim();
  };
  return { county: get('county'), from: get('coverage_from'), to: get('coverage_to') };
}

// Periods of indicators.md §1 as rows: label, type order, first and last month index.
function periods(from, to) {
  const monthIndex = (d) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
  const lastDay = (y, m) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  let first = monthIndex(from);
  if (Number(from.slice(8, 10)) !== 1) first += 1;
  let last = monthIndex(to);
  const ty = Number(to.slice(0, 4)), tm = Number(to.slice(5, 7)) - 1;
  if (Number(to.slice(8, 10)) !== lastDay(ty, tm)) last -= 1;
  const label = (m) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  const out = [];
  for (let m = first; m <= last; m++) out.push([label(m), 0, m, m]);
  const blocks = (type, size, letter) => {
    for (let s = first + ((size - (first % size)) % size); s + size - 1 <= last; s += size) {
      const y = Math.floor(s / 12);
      out.push([size === 12 ? `${y}` : `${y}-${letter}${(s % 12) / size + 1}`, type, s, s + size - 1]);
    }
  };
  blocks(1, 3, 'Q'); blocks(2, 4, 'T'); blocks(3, 6, 'H'); blocks(4, 12, '');
  for (let e = first + 11; e <= last; e++) out.push([`${label(e - 11)}/${label(e)}`, 5, e - 11, e]);
  return out.map((p, i) => [...p, i]);
}

// Returns the rows, or with `outFile` writes them as CSV from DuckDB itself and returns the count.
export async function computeIndicators(dir, threads = 2, outFile = null) {
  const m = manifest(dir);
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const c = await db.connect();
  const run = (sql) => c.run(sql);
  const csv = (f) => `read_csv('${join(dir, f).replaceAll("'", "''")}', header = true, all_varchar = true, delim = ',', quote = '"')`;
  await run(`create table periods(label varchar, type int, first_month int, last_month int, ord int)`);
  const ps = periods(m.from, m.to);
  if (ps.length) await run(`insert into periods values ${ps.map((p) => `('${p[0]}', ${p[1]}, ${p[2]}, ${p[3]}, ${p[4]})`).join(',')}`);
  await run(`create macro month_index(d) as year(d) * 12 + month(d) - 1`);
  await run(`create macro age_on(b, d) as year(d) - year(b) - case when month(d) < month(b) or (month(d) = month(b) and day(d) < day(b)) then 1 else 0 end`);
  await run(`create macro age_group(a) as case when a is null then null when a <= 17 then '0-17' when a <= 64 then '18-64' when a <= 79 then '65-79' else '80+' end`);
  // Stays: sex and birth date are filled in the canonical synthetic dialect.
  await run(`create table stays as
    select row_number() over () as line, episode_id, patient,
      case sex when 'M' then 'M' when 'F' then 'F' end as sex,
      cast(birth_date as date) as birth_date,
      substr(municipality, 1, 4) as municipality, nullif(hospital, '') as hospital,
      nullif(clinic, '') as clinic, nullif(health_center, '') as health_center, care_type,
      cast(admitted_at as timestamp) as admitted_at,
      cast(nullif(discharged_at, '') as timestamp) as discharged_at,
      admission_kind, discharged_to
    from ${csv('episodes.csv')}`);
  await run(`create table areas as select code, nullif(area, '') as area from ${csv('municipalities.csv')}`);
  await run(`create table events as
    select row_number() over () as line, episode_id, event, cast("at" as timestamp) as ts
    from ${csv('coordination.csv')}`);

  // One row per (indicator, discharge date, residence, discharging units, sex, age, num, den).
  // Stay-based part: §4 ready periods and §5 coordination, §6 length of stay.
  await run(`create table ready as
    with r as (
      select e.episode_id, e.event, e.ts, e.line,
        lag(e.event) over (partition by e.episode_id order by e.ts, e.line) as previous
      from events e where e.event in ('ready_notice', 'ready_revoked')),
    nxt as (  -- the first revocation after each event (ties in file order)
      select *, min(case when event = 'ready_revoked' then ts end) over (
          partition by episode_id order by ts, line
          rows between 1 following and unbounded following) as next_revoked
      from r),
    periods as (  -- a notice opens a period unless the previous ready event was a notice
      select episode_id, ts as notice, next_revoked as revoked from nxt
      where event = 'ready_notice' and (previous is null or previous = 'ready_revoked'))
    select p.episode_id,
      date_diff('day', cast(p.notice as date),
        least(coalesce(cast(p.revoked as date), cast(s.discharged_at as date)),
              cast(s.discharged_at as date))) as days, p.notice
    from periods p join stays s using (episode_id)
    where s.discharged_at is not null`);
  await run(`create table stay_records as
    with base as (
      select s.*, cast(s.discharged_at as date) as d,
        age_group(age_on(s.birth_date, cast(s.discharged_at as date))) as age_group
      from stays s
      where s.discharged_at is not null
        and cast(s.discharged_at as date) between date '${m.from}' and date '${m.to}'),
    rd as (select episode_id, sum(days) as total, arg_max(days, notice) as last
           from ready group by episode_id),
    ev as (
      select episode_id,
        min(ts) filter (where event = 'admission_notice') as first_notice,
        bool_or(event = 'fixed_care_contact' and ts <= discharged_at) as fixed,
        bool_or(event = 'discharge_plan') as plan,
        bool_or(event = 'sip_held') as sip,
        bool_or(event = 'sip_followup') as followup
      from events join stays using (episode_id) group by episode_id)
    select b.municipality, b.hospital, b.clinic, b.health_center, b.sex, b.age_group,
      month_index(b.d) as month, x.indicator, x.num, x.den
    from base b left join rd using (episode_id) left join ev using (episode_id),
    lateral (values
      (case when b.care_type = 'psychiatric' then 'ready_days_mean_psychiatric' else 'ready_days_mean_somatic' end,
         rd.total, case when rd.total is not null then 1 end),
      ('ready_days_total', rd.total, case when rd.total is not null then 1 end),
      ('discharged_day01_share', case when rd.last <= 1 then 1 else 0 end, case when rd.total is not null then 1 end),
      ('admission_notice_24h_share', case when ev.first_notice <= b.admitted_at + interval 24 hour then 1 else 0 end,
         case when ev.first_notice is not null then 1 end),
      ('fixed_care_contact_share', case when ev.fixed then 1 else 0 end, case when ev.first_notice is not null then 1 end),
      ('discharge_plan_share', case when ev.plan then 1 else 0 end, case when ev.first_notice is not null then 1 end),
      ('sip_share', case when ev.sip then 1 else 0 end, case when ev.first_notice is not null then 1 end),
      ('sip_followup_share', case when ev.followup then 1 else 0 end, case when ev.first_notice is not null then 1 end),
      ('length_of_stay_mean', date_diff('day', cast(b.admitted_at as date), b.d), 1)
    ) as x(indicator, num, den)
    where x.den is not null`);

  // §2-3: care episodes of somatic stays and their readmissions.
  await run(`create table episodes as
    with s as (
      select *, cast(admitted_at as date) as a,
        coalesce(cast(discharged_at as date), date '9999-12-31') as d,
        row_number() over (partition by patient order by admitted_at, episode_id) as seq
      from stays where care_type = 'somatic'),
    k as (  -- the latest discharge so far (ties: the later stay) among the earlier stays
      select *, max({'d': d, 'seq': seq, 'to': discharged_to}) over (partition by patient
               order by seq rows between unbounded preceding and 1 preceding) as prev_max
      from s),
    j as (
      select k.*, case when prev_max is null then 1
          when a <= prev_max.d then 0
          when a <= prev_max.d + 1 and prev_max.to = 'other_hospital' then 0
          else 1 end as starts
      from k),
    n as (select *, sum(starts) over (partition by patient order by seq) as episode from j)
    select patient, episode,
      min(a) as admitted,
      arg_min(admission_kind, seq) as kind,
      arg_min(municipality, seq) as municipality,
      max(d) as discharged,
      arg_max(discharged_to, {'d': d, 'seq': seq}) as discharged_to,
      arg_max(hospital, {'d': d, 'seq': seq}) as hospital,
      arg_max(clinic, {'d': d, 'seq': seq}) as clinic,
      arg_max(health_center, {'d': d, 'seq': seq}) as health_center,
      arg_max(sex, {'d': d, 'seq': seq}) as sex,
      arg_max(birth_date, {'d': d, 'seq': seq}) as birth_date
    from n group by patient, episode`);
  // Later episodes of a patient are always admitted after the index discharge (else they would
  // have merged), so the first later acute admission decides.
  await run(`create table readmission_records as
    with i as (
      select *, min(case when kind = 'acute' then admitted end) over (
          partition by patient order by episode
          rows between 1 following and unbounded following) as next_acute
      from episodes)
    select i.municipality, i.hospital, i.clinic, i.health_center, i.sex,
      age_group(age_on(i.birth_date, i.discharged)) as age_group,
      month_index(i.discharged) as month,
      case when i.next_acute - i.discharged between 1 and 30 then 1 else 0 end as num,
      age_on(i.birth_date, i.discharged) >= 65 as old
    from i
    where i.discharged <> date '9999-12-31' and i.discharged_to is distinct from 'deceased'
      and i.discharged >= date '${m.from}' and i.discharged + 30 <= date '${m.to}'`);
  await run(`create table records as
    select * from stay_records
    union all select municipality, hospital, clinic, health_center, sex, age_group, month,
      'readmission_30d', num, 1 from readmission_records
    union all select municipality, hospital, clinic, health_center, sex, age_group, month,
      'readmission_30d_65plus', num, 1 from readmission_records where old`);

  // Units (the seven types), groups (sex and age: all + own), periods containing the month.
  const lastFollowed = `(select max(last_month) from periods where type = 0 and
      last_day(make_date(last_month // 12, last_month % 12 + 1, 1)) + 30 <= date '${m.to}')`;
  const query = `
    with u as (
      select r.*, t.unit_type, t.unit, t.type_order from records r
      left join areas a on a.code = r.municipality,
      lateral (values ('region', '${m.county}', 0), ('county', substr(r.municipality, 1, 2), 1),
                      ('area', a.area, 2), ('municipality', r.municipality, 3),
                      ('hospital', r.hospital, 4), ('clinic', r.clinic, 5),
                      ('health_center', r.health_center, 6)) as t(unit_type, unit, type_order)
      where t.unit is not null),
    g as (
      select u.*, s.sex_out, ag.age_out from u,
      lateral (values ('all', 0), (u.sex, case u.sex when 'M' then 1 else 2 end)) as s(sex_out, sex_order),
      lateral (values ('all'), (u.age_group)) as ag(age_out)
      where s.sex_out is not null and ag.age_out is not null)
    , monthly as (  -- one row per indicator, month, unit and group before periods fan out
      select indicator, month, unit_type, unit, sex_out, age_out, min(type_order) as type_order,
        sum(num) as num, sum(den) as den
      from g group by indicator, month, unit_type, unit, sex_out, age_out)
    , agg as (
      select g.indicator as ind, p.label as per, g.unit_type as ut, g.unit as un, g.sex_out as sx,
        g.age_out as ag, sum(g.num) as numerator, sum(g.den) as denominator,
        min(p.ord) as pord, min(g.type_order) as tord
      from monthly g join periods p on g.month between p.first_month and p.last_month
      where g.indicator not like 'readmission%' or p.last_month <= ${lastFollowed}
      group by g.indicator, p.label, g.unit_type, g.unit, g.sex_out, g.age_out
      having sum(g.den) > 0)
    select ind, per, ut, un, sx, ag, numerator, denominator from agg
    order by ind, pord, tord, un,
      case sx when 'all' then 0 when 'M' then 1 else 2 end,
      case ag when 'all' then 0 when '0-17' then 1 when '18-64' then 2 when '65-79' then 3 else 4 end`;
  if (outFile) {
    await run(`copy (select ind as indicator, per as period, ut as unit_type, un as unit,
        sx as sex, ag as age_group, numerator,
        case when ind = 'ready_days_total' then null else denominator end as denominator
      from (${query})) to '${outFile.replaceAll("'", "''")}' (format csv, header true)`);
    const count = await c.runAndReadAll(`select count(*) from read_csv('${outFile.replaceAll("'", "''")}', header = true)`);
    return Number(count.getRows()[0][0]);
  }
  const reader = await c.runAndReadAll(query);
  const rows = reader.getRows().map((r) => ({
    indicator: r[0], period: r[1], unit_type: r[2], unit: r[3], sex: r[4], age_group: r[5],
    numerator: Number(r[6]), denominator: Number(r[7]),
  }));
  c.closeSync?.();
  return rows;
}

async function main() {
  const args = process.argv.slice(2);
  const dir = args[0];
  const out = args[args.indexOf('--out') + 1];
  const threads = args.includes('--threads') ? Number(args[args.indexOf('--threads') + 1]) : 2;
  if (!dir || !args.includes('--out')) {
    console.error('usage: node indicators.mjs EXTRACT --out FILE.csv [--threads N]');
    process.exit(2);
  }
  const started = performance.now();
  const rows = await computeIndicators(dir, threads, out);
  console.error(JSON.stringify({ seconds: (performance.now() - started) / 1000, rows }));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

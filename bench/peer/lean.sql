-- The lean peer (issue 18): what a skilled analyst would write for a clean stays + events +
-- population extract in the canonical form `nara synth` writes: typed CSV reads, no dialect
-- handling, and only four indicators: readmission_30d, length_of_stay_mean,
-- inpatient_stays_per_100k and the settlement's liable_days (the law's default agreement: grace
-- days 3, noon rule, admission notice within 24 hours, both care types, discharge day not billed).
-- The rows have the shape of Nära's indicator table, so that lean.test.mjs compares them.
-- lean.mjs replaces the ${...} parameters (checked literals) and runs the statements in order;
-- statements are separated by a semicolon at the end of a line.

create macro month_of(d) as year(d) * 12 + month(d) - 1;
create macro month_start(m) as make_date(cast(m // 12 as bigint), cast(m % 12 + 1 as bigint), 1);
create macro month_label(m) as printf('%04d-%02d', m // 12, m % 12 + 1);
create macro age_on(b, d) as
  year(d) - year(b) - case when month(d) * 100 + day(d) < month(b) * 100 + day(b) then 1 else 0 end;
create macro age_group_of(a) as case when a is null or a < 0 then null when a <= 17 then '0-17'
  when a <= 64 then '18-64' when a <= 79 then '65-79' else '80+' end;

-- Every period of the table (month, quarter, tertial, half-year, year, rolling 12 months) of the
-- whole months in coverage (synth's coverage is whole years).
create table periods as
with lim as (select month_of(date '${cov_from}') as lo, month_of(date '${cov_to}') as hi),
mm as (select unnest(range(lo, hi + 1)) as m from lim),
blocks(kind, size) as (values (1, 3), (2, 4), (3, 6), (4, 12)),
raw as (
  select 0 as kind, m as first_m, m as last_m from mm
  union all select b.kind, m, m + b.size - 1 from mm, blocks b, lim where m % b.size = 0 and m + b.size - 1 <= hi
  union all select 5, m - 11, m from mm, lim where m - 11 >= lo)
select kind, first_m, last_m, last_m // 12 as yr,
  case kind when 0 then month_label(first_m)
    when 1 then printf('%04d-Q%d', first_m // 12, first_m % 12 // 3 + 1)
    when 2 then printf('%04d-T%d', first_m // 12, first_m % 12 // 4 + 1)
    when 3 then printf('%04d-H%d', first_m // 12, first_m % 12 // 6 + 1)
    when 4 then printf('%04d', first_m // 12)
    else month_label(first_m) || '/' || month_label(last_m) end as label,
  last_day(month_start(last_m)) + ${window_days} <= date '${cov_to}' as readmission_ok
from raw;

create table stays as
select episode_id, patient, sex, birth_date, age, municipality, hospital, clinic, health_center,
  care_type, admitted_at, discharged_at, admission_kind, discharged_to
from read_csv('${dir}/episodes.csv', header = true, auto_detect = false, columns = {
  'episode_id': 'VARCHAR', 'patient': 'BIGINT', 'sex': 'VARCHAR', 'birth_date': 'DATE',
  'age': 'INTEGER', 'municipality': 'VARCHAR', 'hospital': 'VARCHAR', 'clinic': 'VARCHAR',
  'specialty': 'VARCHAR', 'care_type': 'VARCHAR', 'admitted_at': 'TIMESTAMP',
  'discharged_at': 'TIMESTAMP', 'admission_kind': 'VARCHAR', 'admitted_from': 'VARCHAR',
  'discharged_to': 'VARCHAR', 'main_diagnosis': 'VARCHAR', 'other_diagnoses': 'VARCHAR',
  'health_center': 'VARCHAR'});

create table events as
select episode_id, event, "at"
from read_csv('${dir}/coordination.csv', header = true, auto_detect = false,
  columns = {'episode_id': 'VARCHAR', 'event': 'VARCHAR', 'at': 'TIMESTAMP'})
where event in ('admission_notice', 'ready_notice', 'ready_revoked');

create table areas as
select code, area from read_csv('${dir}/municipalities.csv', header = true, auto_detect = false,
  columns = {'code': 'VARCHAR', 'name': 'VARCHAR', 'county': 'VARCHAR', 'area': 'VARCHAR'});

-- Records: (indicator, month, municipality, hospital, clinic, health centre, sex, age group, num, den).
create table records as
select 'length_of_stay_mean' as ind, month_of(discharged_at) as m, municipality, hospital, clinic,
  health_center, sex, age_group_of(coalesce(age_on(birth_date, cast(discharged_at as date)), age)) as ag,
  sum(date_diff('day', cast(admitted_at as date), cast(discharged_at as date))) as num, count(*) as den
from stays where cast(discharged_at as date) between date '${cov_from}' and date '${cov_to}'
group by all;

-- Care episodes of somatic stays (a stay admitted on or before the latest discharge so far joins,
-- or the day after when that discharge went to another hospital; open stays never end), then the
-- first later acute admission decides the readmission.
insert into records
with q as (  -- narrow rows: the windows sort only these
  select rowid as r, patient, cast(admitted_at as date) as a,
    coalesce(cast(discharged_at as date), date '9999-12-31') as dd, discharged_to = 'other_hospital' as t,
    admission_kind = 'acute' as acute, row_number() over (partition by patient order by admitted_at, episode_id) as seq
  from stays where care_type = 'somatic'),
k as (  -- the latest discharge among earlier stays (ties: the later stay), + 1 day when it was a transfer
  select *, max(date_diff('day', date '1900-01-01', dd) * 4294967296 + seq * 2 + t::int)
      over (partition by patient order by seq rows between unbounded preceding and 1 preceding) as b
  from q),
n as (
  select *, sum(case when b is null or a > date '1900-01-01' + cast(b // 4294967296 + b % 2 as integer) then 1 else 0 end)
      over (partition by patient order by seq) as episode
  from k),
e as (
  select patient, episode, max(dd) as discharged, arg_min({'r': r, 'a': a, 'acute': acute}, seq) as f,
    arg_max(r, (dd, seq)) as last_r
  from n group by patient, episode),
i as (
  select *, min(case when f.acute then f.a end) over (partition by patient order by episode
      rows between 1 following and unbounded following) as next_acute
  from e)
select 'readmission_30d', month_of(discharged), f_stay.municipality, l.hospital, l.clinic, l.health_center, l.sex,
  age_group_of(coalesce(age_on(l.birth_date, discharged), l.age)),
  sum(case when date_diff('day', discharged, next_acute) between 1 and ${window_days} then 1 else 0 end), count(*)
from i join stays f_stay on f_stay.rowid = i.f.r join stays l on l.rowid = i.last_r
where discharged <> date '9999-12-31' and l.discharged_to is distinct from 'deceased'
  and discharged between date '${cov_from}' and date '${cov_to}' - ${window_days}
group by all;

-- Ready periods: a notice opens one unless one is open; the first revocation after it ends it
-- (at discharge when revoked after it), else discharge; ready notices after discharge are not
-- used (Nära rejects them at ingest).
-- Liable dates: from the notice day + 3 (+ 1 after 12:00) to the day before the end (an open
-- period to coverage_to), when the stay's first admission notice came within 24 hours of
-- admission. One record per (period, month with ready dates), and one for a period ending on its
-- notice day, by the payer (municipality of residence); age on the month's last day.
insert into records
with ev as (
  select e.episode_id, e.rowid as line, e.event, e."at", s.discharged_at
  from events e join stays s using (episode_id)
  where e.event <> 'admission_notice'
    and not (e.event = 'ready_notice' and e."at" > coalesce(s.discharged_at, timestamp '9999-12-31'))),
w as (
  select *, lag(event) over (partition by episode_id order by "at", line) as previous,
    min(case when event = 'ready_revoked' then "at" end) over (partition by episode_id order by "at", line
        rows between 1 following and unbounded following) as revoked
  from ev),
p as (
  select w.episode_id, cast(w."at" as date) as notice,
    cast(w."at" as date) + 3 + case when hour(w."at") * 60 + minute(w."at") > 720 then 1 else 0 end as liable_from,
    case when w.revoked is not null and (w.discharged_at is null or cast(w.revoked as date) <= cast(w.discharged_at as date))
         then cast(w.revoked as date)
         when w.discharged_at is not null then cast(w.discharged_at as date)
         else greatest(date '${cov_to}' + 1, cast(w."at" as date)) end as ready_end
  from w where event = 'ready_notice' and (previous is null or previous = 'ready_revoked')),
pm as (
  select p.*, unnest(range(month_of(notice), month_of(greatest(ready_end - 1, notice)) + 1)) as m from p),
first_notice as (
  select episode_id, min("at") as at from events where event = 'admission_notice' group by episode_id)
select 'liable_days', pm.m, s.municipality, null, null, null, s.sex,
  age_group_of(coalesce(age_on(s.birth_date, last_day(month_start(pm.m))), s.age)),
  sum(case when fn.at is null or fn.at > s.admitted_at + interval 24 hour then 0 else greatest(0,
    date_diff('day', greatest(liable_from, month_start(pm.m)), least(ready_end, last_day(month_start(pm.m)) + 1)))
  end), count(*)
from pm join stays s using (episode_id) left join first_notice fn using (episode_id)
where pm.m between month_of(date '${cov_from}') and month_of(date '${cov_to}')
  and (ready_end > notice or pm.m = month_of(notice))
group by all;

-- Cells: every unit of a record, in `all` and in its own sex and age group, summed over the
-- months of each period.
create table cells as
with u as (
  select ind, m, sex, ag, num, den, u.ut, u.unit from (
    select r.*, unnest([{'ut': 0, 'unit': '${county}'}, {'ut': 1, 'unit': left(r.municipality, 2)},
                        {'ut': 2, 'unit': a.area}, {'ut': 3, 'unit': r.municipality},
                        {'ut': 4, 'unit': r.hospital}, {'ut': 5, 'unit': r.clinic},
                        {'ut': 6, 'unit': r.health_center}]) as u
    from records r left join areas a on a.code = r.municipality)
  where u.unit is not null and u.unit <> ''),
by_month as (
  select ind, m, ut, unit, coalesce(sex, 'all') as sx, coalesce(ag, 'all') as ag, sum(num) as num, sum(den) as den
  from u group by grouping sets ((ind, m, ut, unit), (ind, m, ut, unit, sex), (ind, m, ut, unit, ag),
                                 (ind, m, ut, unit, sex, ag))
  having (grouping(sex) = 1 or sex is not null) and (grouping(ag) = 1 or ag is not null))
select c.ind, p.label, p.kind, p.first_m, c.ut, c.unit, c.sx, c.ag, sum(c.num) as num, sum(c.den) as den
from by_month c join periods p on c.m between p.first_m and p.last_m
where p.readmission_ok or c.ind <> 'readmission_30d'
group by all;

-- inpatient_stays_per_100k: stays discharged in the period by residents, per 100 000 of the
-- population of the year the period ends in; a row for every population cell.
create table population as
select * from read_csv('${dir}/population.csv', header = true, auto_detect = false, columns = {
  'year': 'INTEGER', 'municipality': 'VARCHAR', 'sex': 'VARCHAR', 'age_from': 'INTEGER',
  'age_to': 'INTEGER', 'count': 'BIGINT'});

create table population_cells as
with g(ag, lo, hi) as (values ('all', 0, 1000000), ('0-17', 0, 17), ('18-64', 18, 64), ('65-79', 65, 79),
                               ('80+', 80, 1000000)),
b as (
  select p.*, g.ag, p.age_from >= g.lo and coalesce(p.age_to, 1000000) <= g.hi as inside
  from population p join g on p.age_from <= g.hi and coalesce(p.age_to, 1000000) >= g.lo),
u as (
  select "year" as yr, sex, ag, inside, "count" as n, u.ut, u.unit from (
    select b.*, unnest([{'ut': 0, 'unit': '${county}'}, {'ut': 1, 'unit': left(b.municipality, 2)},
                        {'ut': 2, 'unit': a.area}, {'ut': 3, 'unit': b.municipality}]) as u
    from b left join areas a on a.code = b.municipality)
  where u.unit is not null)
select yr, ut, unit, coalesce(sex, 'all') as sx, ag, sum(n) as pop
from u group by grouping sets ((yr, ut, unit, ag), (yr, ut, unit, ag, sex))
having bool_and(inside) and sum(n) > 0;

create table rate_rows as
with stays_by_month as (
  select month_of(discharged_at) as m, municipality, sex,
    age_group_of(coalesce(age_on(birth_date, cast(discharged_at as date)), age)) as ag, count(*) as n
  from stays where cast(discharged_at as date) between date '${cov_from}' and date '${cov_to}'
  group by all),
g as (
  select p.label, p.kind, p.first_m, p.yr, s.municipality, s.sex, s.ag, sum(s.n) as n
  from stays_by_month s join periods p on s.m between p.first_m and p.last_m
  semi join (select distinct municipality, "year" from population) w on w.municipality = s.municipality and w."year" = p.yr
  group by all),
r as (
  select label, ut, unit, coalesce(sex, 'all') as sx, coalesce(ag, 'all') as ag, sum(n) as num from (
    select x.*, x.u.ut as ut, x.u.unit as unit from (
      select g.*, unnest([{'ut': 0, 'unit': '${county}'}, {'ut': 1, 'unit': left(g.municipality, 2)},
                          {'ut': 2, 'unit': a.area}, {'ut': 3, 'unit': g.municipality}]) as u
      from g left join areas a on a.code = g.municipality) x)
  where unit is not null
  group by grouping sets ((label, ut, unit), (label, ut, unit, sex), (label, ut, unit, ag), (label, ut, unit, sex, ag))
  having (grouping(sex) = 1 or sex is not null) and (grouping(ag) = 1 or ag is not null))
select 'inpatient_stays_per_100k' as ind, p.label, p.kind, p.first_m, c.ut, c.unit, c.sx, c.ag,
  coalesce(r.num, 0) as num, c.pop as den
from periods p join population_cells c on c.yr = p.yr
  left join r on r.label = p.label and r.ut = c.ut and r.unit = c.unit and r.sx = c.sx and r.ag = c.ag;

-- The table: value = 100 n/d (readmission), n/d (mean length of stay), 100 000 n/d (rate), n
-- (liable days); 3 decimals, half away from zero, in integers.
create view lean_table as
with v as (
  select *, ind = 'liable_days' as is_count,
    cast(num as bigint) * case ind when 'readmission_30d' then 100 when 'inpatient_stays_per_100k' then 100000 else 1 end
      * 1000 as a,
    case when ind = 'liable_days' then 1 else den end as d
  from (select * from cells union all select * from rate_rows)),
q as (select *, (a * 2 + d) // (2 * d) as milli from v where d > 0)
select ind as indicator, label as period,
  ['region', 'county', 'area', 'municipality', 'hospital', 'clinic', 'health_center'][ut + 1] as unit_type,
  unit, sx as sex, ag as age_group, num as numerator, case when is_count then null else den end as denominator,
  cast(milli // 1000 as varchar) || '.' || lpad(cast(milli % 1000 as varchar), 3, '0') as value,
  kind, first_m, ut
from q;

-- The queries DataGrip (IntelliJ 2025 database tools) sends on connect and while introspecting
-- a schema, as a server log records them. A line "-- query: purpose | parameter kinds" starts
-- each; ? marks the parameters, which the test binds as int8 as DataGrip does.

-- query: Connection startup (first connection) | 
SET extra_float_digits = 3

-- query: Connection startup (first connection) | 
SET application_name = ''

-- query: Connection startup (first connection) | 
select version()

-- query: Connection startup (first connection) | 
SET application_name = 'DataGrip 2025.2.3'

-- query: Connection startup (first connection) | 
select current_database() as a, current_schemas(false) as b

-- query: Connection startup (first connection) | 
SHOW TRANSACTION ISOLATION LEVEL

-- query: Session identity | 
select current_database(), current_schema(), current_user

-- query: Server start time (used to detect a server restart) | 
select round(extract(epoch from pg_postmaster_start_time() at time zone 'UTC')) as startup_time

-- query: Oldest open transaction and current txid (introspection bookkeeping) | 
select L.transactionid::varchar::bigint as transaction_id
from pg_catalog.pg_locks L
where L.transactionid is not null
order by pg_catalog.age(L.transactionid) desc
limit 1

-- query: Oldest open transaction and current txid (introspection bookkeeping) | 
select case
  when pg_catalog.pg_is_in_recovery()
    then null
  else
    (pg_catalog.txid_current() % 4294967296)::varchar::bigint
  end as current_txid

-- query: List databases | 
select N.oid::bigint as id,
       datname as name,
       D.description,
       datistemplate as is_template,
       datallowconn as allow_connections,
       pg_catalog.pg_get_userbyid(N.datdba) as "owner"
from pg_catalog.pg_database N
  left join pg_catalog.pg_shdescription D on N.oid = D.objoid
order by case when datname = pg_catalog.current_database() then -1::bigint else N.oid::bigint end

-- query: Date style and time zones | 
show DateStyle

-- query: Date style and time zones | 
select name, is_dst from pg_catalog.pg_timezone_names
union distinct
select abbrev as name, is_dst from pg_catalog.pg_timezone_abbrevs

-- query: Roles and role membership | 
select R.oid::bigint as role_id, rolname as role_name,
  rolsuper is_super, rolinherit is_inherit,
  rolcreaterole can_createrole, rolcreatedb can_createdb,
  rolcanlogin can_login, rolreplication /* false */ is_replication,
  rolconnlimit conn_limit, rolvaliduntil valid_until,
  rolbypassrls /* false */ bypass_rls, rolconfig config,
  D.description
from pg_catalog.pg_roles R
  left join pg_catalog.pg_shdescription D on D.objoid = R.oid

-- query: Roles and role membership | 
select member id, roleid role_id, admin_option
          from pg_catalog.pg_auth_members order by id, roleid::text

-- query: Roles and role membership | 
select T.oid::bigint as id, T.spcname as name,
       T.xmin as state_number, pg_catalog.pg_get_userbyid(T.spcowner) as owner,
       pg_catalog.pg_tablespace_location(T.oid) /* null */ as location,
       T.spcoptions /* null */ as options,
       D.description as comment
from pg_catalog.pg_tablespace T
  left join pg_catalog.pg_shdescription D on D.objoid = T.oid
--  where pg_catalog.age(T.xmin) <= #TXAGE

-- query: List schemas | 
select N.oid::bigint as id,
       N.xmin as state_number,
       nspname as name,
       D.description,
       pg_catalog.pg_get_userbyid(N.nspowner) as "owner"
from pg_catalog.pg_namespace N
  left join pg_catalog.pg_description D on N.oid = D.objoid
order by case when nspname = pg_catalog.current_schema() then -1::bigint else N.oid::bigint end

-- query: Superuser check | 
select usesuper
from pg_user
where usename = current_user

-- query: Schema change detection (decides whether to re-introspect a schema) | xid:0,xid:2,schema_oid,schema_oid,schema_oid,schema_oid,schema_oid,schema_oid,schema_oid,schema_oid,schema_oid,schema_oid,schema_oid,schema_oid,schema_oid,schema_oid,schema_oid,schema_oid,schema_oid
with saved_age as (select greatest(pg_catalog.age(?::varchar::xid), pg_catalog.age(?::varchar::xid)) as "value")
     select bool_or(C.last_tx <= SA."value") as has_changes from
     (
       (select min(least(pg_catalog.age(T.xmin), pg_catalog.age(D.xmin))) as last_tx
    from pg_catalog.pg_type T
      left join pg_catalog.pg_description D on T.oid = D.objoid
    where T.typnamespace = ?::oid)
union all
(select min(least(pg_catalog.age(T.xmin), pg_catalog.age(D.xmin))) as last_tx
    from pg_catalog.pg_class T
      left join pg_catalog.pg_description D on T.oid = D.objoid
    where T.relnamespace = ?::oid)
union all
(select min(least(pg_catalog.age(T.xmin), pg_catalog.age(D.xmin))) as last_tx
    from pg_catalog.pg_proc T
      left join pg_catalog.pg_description D on T.oid = D.objoid
    where T.pronamespace = ?::oid)
union all
(select min(least(pg_catalog.age(T.xmin), pg_catalog.age(D.xmin))) as last_tx
    from pg_catalog.pg_operator T
      left join pg_catalog.pg_description D on T.oid = D.objoid
    where T.oprnamespace = ?::oid)
union all
(select min(least(pg_catalog.age(T.xmin), pg_catalog.age(D.xmin))) as last_tx
    from pg_catalog.pg_constraint T
      left join pg_catalog.pg_description D on T.oid = D.objoid
    where T.connamespace = ?::oid)
union all
select min(pg_catalog.age(A.xmin)) as last_tx
        from pg_catalog.pg_attribute A join pg_catalog.pg_class K on K.oid = A.attrelid
        where K.relnamespace = ?::oid
union all
(select min(pg_catalog.age(IX.xmin)) as last_tx
        from pg_catalog.pg_index IX join pg_catalog.pg_class IC on IC.oid = IX.indrelid
        where IC.relnamespace = ?::oid)
union all
(select min(least(pg_catalog.age(RU.xmin), pg_catalog.age(D.xmin))) as last_tx
        from pg_catalog.pg_rewrite RU join pg_catalog.pg_class RC on RC.oid = RU.ev_class
          left join pg_catalog.pg_description D on D.objoid = RU.oid
        where RC.relnamespace = ?::oid)
union all
(select min(least(pg_catalog.age(TG.xmin), pg_catalog.age(D.xmin))) as last_tx
        from pg_catalog.pg_trigger TG join pg_catalog.pg_class TC on TC.oid = TG.tgrelid
          left join pg_catalog.pg_description D on D.objoid = TG.oid
        where TC.relnamespace = ?::oid)
union all
(select min(least(pg_catalog.age(T.xmin), pg_catalog.age(D.xmin))) as last_tx
    from pg_catalog.pg_opclass T
      left join pg_catalog.pg_description D on T.oid = D.objoid
    where T.opcnamespace = ?::oid)
union all
(select min(least(pg_catalog.age(T.xmin), pg_catalog.age(D.xmin))) as last_tx
    from pg_catalog.pg_opfamily T
      left join pg_catalog.pg_description D on T.oid = D.objoid
    where T.opfnamespace = ?::oid)
union all
(select min(pg_catalog.age(O.xmin)) from pg_catalog.pg_amop O
       left join pg_catalog.pg_opfamily F on O.amopfamily = F.oid
       left join pg_catalog.pg_depend D on D.classid = 'pg_amop'::regclass and O.oid = D.objid and D.objsubid = 0
       left join pg_catalog.pg_opclass C on D.refclassid = 'pg_opclass'::regclass and C.oid = D.refobjid and D.refobjsubid = 0
       where C.opcnamespace = ? or C.opcnamespace is null and F.opfnamespace = ?)
union all
(select min(pg_catalog.age(P.xmin)) from pg_catalog.pg_amproc P
       left join pg_catalog.pg_opfamily F on P.amprocfamily = F.oid
       where F.opfnamespace = ?)
union all
(select min(pg_catalog.age(E.xmin)) as last_tx
        from pg_catalog.pg_enum E join pg_catalog.pg_type T on T.oid = E.enumtypid
        where T.typnamespace = ?::oid)
union all
(select min(least(pg_catalog.age(T.xmin), pg_catalog.age(D.xmin))) as last_tx
    from pg_catalog.pg_collation T
      left join pg_catalog.pg_description D on T.oid = D.objoid
    where T.collnamespace = ?::oid)
union all
(select min(least(pg_catalog.age(P.xmin), pg_catalog.age(D.xmin))) as last_tx
        from pg_catalog.pg_policy P join pg_catalog.pg_class C on C.oid = P.polrelid
          left join pg_catalog.pg_description D on D.objoid = P.oid
        where C.relnamespace = ?::oid)
     ) C, saved_age SA
     where sa.value >= 0

-- query: List tables, views, materialized views, foreign and partitioned tables of a schema | schema_oid
select oid from pg_catalog.pg_class C
where relkind in ('r', 'm', 'v', 'p', 'f')
  and relnamespace = ?::oid

-- query: List tables, views, materialized views, foreign and partitioned tables of a schema | schema_oid,xid:0
select T.relkind as table_kind,
       T.relname as table_name,
       T.oid as table_id,
       T.xmin as table_state_number,
       false /* T.relhasoids */ as table_with_oids,
       T.reltablespace as tablespace_id,
       T.reloptions as options,
       T.relpersistence as persistence,
       (select pg_catalog.array_agg(inhparent::bigint order by inhseqno)::varchar from pg_catalog.pg_inherits where T.oid = inhrelid) as ancestors,
       (select pg_catalog.array_agg(inhrelid::bigint order by inhrelid)::varchar from pg_catalog.pg_inherits where T.oid = inhparent) as successors,
       T.relispartition /* false */ as is_partition,
       pg_catalog.pg_get_partkeydef(T.oid) /* null */ as partition_key,
       pg_catalog.pg_get_expr(T.relpartbound, T.oid) /* null */ as partition_expression,
       T.relam am_id,
       pg_catalog.pg_get_userbyid(T.relowner) as "owner"
from pg_catalog.pg_class T
where relnamespace = ?::oid
       and relkind in ('r', 'm', 'v', 'f', 'p')
and pg_catalog.age(T.xmin) <= coalesce(nullif(greatest(pg_catalog.age(?::varchar::xid), -1), -1), 2147483647)
--  and T.relname in ( :[*f_names] )
order by table_kind, table_id

-- query: List tables, views, materialized views, foreign and partitioned tables of a schema | schema_oid,xid:0,xid:2
select
       T.relkind as view_kind,
       T.oid as view_id,
       pg_catalog.pg_get_viewdef(T.oid, true) as source_text
from pg_catalog.pg_class T
  join pg_catalog.pg_namespace N on T.relnamespace = N.oid
where N.oid = ?::oid
  and T.relkind in ('m','v')
  --  and T.relname in ( :[*f_names] )
  and (pg_catalog.age(T.xmin) <= coalesce(nullif(greatest(pg_catalog.age(?::varchar::xid), -1), -1), 2147483647) or exists(
  select A.attrelid from pg_catalog.pg_attribute A where A.attrelid = T.oid and pg_catalog.age(A.xmin) <= coalesce(nullif(greatest(pg_catalog.age(?::varchar::xid), -1), -1), 2147483647)))

-- query: Columns of all tables in a schema | schema_oid,xid:0,xid:0
with T as ( select distinct
                  T.oid as table_id, T.relname as table_name
            from pg_catalog.pg_class T
                 , pg_catalog.pg_attribute A
            where T.relnamespace = ?::oid
              and T.relkind in ('r', 'm', 'v', 'f', 'p')
              and (pg_catalog.age(A.xmin) <= coalesce(nullif(greatest(pg_catalog.age(?::varchar::xid), -1), -1), 2147483647) or pg_catalog.age(T.xmin) <= coalesce(nullif(greatest(pg_catalog.age(?::varchar::xid), -1), -1), 2147483647))
              and A.attrelid = T.oid
             --  and T.relname in ( :[*f_names] )
            )
select T.table_id,
       C.attnum as column_position,
       C.attname as column_name,
       C.xmin as column_state_number,
       C.atttypmod as type_mod,
       C.attndims as dimensions_number,
       pg_catalog.format_type(C.atttypid, C.atttypmod) as type_spec,
       C.atttypid as type_id,
       C.attnotnull as mandatory,
       pg_catalog.pg_get_expr(D.adbin, T.table_id) /* D.adsrc */ as column_default_expression,
       not C.attislocal as column_is_inherited,
       C.attfdwoptions as options,
       C.attisdropped as column_is_dropped,
       C.attidentity /* null */ as identity_kind,
       C.attgenerated /* null */ as generated
from T
  join pg_catalog.pg_attribute C on T.table_id = C.attrelid
  left join pg_catalog.pg_attrdef D on (C.attrelid, C.attnum) = (D.adrelid, D.adnum)
where attnum > 0
order by table_id, attnum

-- query: Indexes of all tables in a schema | schema_oid
select IX.indexrelid
from pg_catalog.pg_index IX,
     pg_catalog.pg_class IC
where IC.oid = IX.indrelid
  and IC.relnamespace = ?::oid

-- query: Indexes of all tables in a schema | schema_oid,xid:0
select tab.oid               table_id,
       tab.relkind           table_kind,
       ind_stor.relname      index_name,
       ind_head.indexrelid   index_id,
       ind_stor.xmin         state_number,
       ind_head.indisunique  is_unique,
       ind_head.indisprimary is_primary,
       ind_head.indnullsnotdistinct /* false */ nulls_not_distinct,
       pg_catalog.pg_get_expr(ind_head.indpred, ind_head.indrelid) as condition,
       (select pg_catalog.array_agg(inhparent::bigint order by inhseqno)::varchar from pg_catalog.pg_inherits where ind_stor.oid = inhrelid) as ancestors,
       ind_stor.reltablespace tablespace_id,
       opcmethod as access_method_id
from pg_catalog.pg_class tab
         join pg_catalog.pg_index ind_head
              on ind_head.indrelid = tab.oid
         join pg_catalog.pg_class ind_stor
              on tab.relnamespace = ind_stor.relnamespace and ind_stor.oid = ind_head.indexrelid
         left join pg_catalog.pg_opclass on pg_opclass.oid = ANY(indclass)
where tab.relnamespace = ?::oid
        and tab.relkind in ('r', 'm', 'v', 'p')
        and ind_stor.relkind in ('i', 'I')
--  and tab.relname in ( :[*f_names] )
and pg_catalog.age(ind_stor.xmin) <= coalesce(nullif(greatest(pg_catalog.age(?::varchar::xid), -1), -1), 2147483647)

-- query: Indexes of all tables in a schema | schema_oid,xid:0
/* with T as (
  select T.oid as oid
  from pg_catalog.pg_class T
  where T.relnamespace = :schema_id::oid
    and T.relkind in ('r', 'm', 'v', 'p', 'f')
    and T.relname in ( :[*f_names] )
)
*/
select ind_head.indexrelid index_id,
       k col_idx,
       k <= indnkeyatts /* true */ in_key,
       ind_head.indkey[k-1] column_position,
       ind_head.indoption[k-1] column_options,
       ind_head.indcollation[k-1] /* null */ as collation,
       colln.nspname /* null */ as collation_schema,
       collname /* null */ as collation_str,
       ind_head.indclass[k-1] as opclass,
       case when opcdefault then null else opcn.nspname end as opclass_schema,
       case when opcdefault then null else opcname end as opclass_str,
       case
           when indexprs is null then null
           when ind_head.indkey[k-1] = 0 then chr(27) || pg_catalog.pg_get_indexdef(ind_head.indexrelid, k::int, true)
           else pg_catalog.pg_get_indexdef(ind_head.indexrelid, k::int, true)
       end as expression,
       amcanorder can_order
from pg_catalog.pg_index /* (select *, pg_catalog.generate_subscripts(indkey::int[], 1) + 1 k from pg_catalog.pg_index) */ ind_head
         join pg_catalog.pg_class ind_stor
              on ind_stor.oid = ind_head.indexrelid
cross join unnest(ind_head.indkey) with ordinality u(u, k)
left join pg_catalog.pg_collation
on pg_collation.oid = ind_head.indcollation[k-1]
left join pg_catalog.pg_namespace colln on collnamespace = colln.oid
cross join pg_catalog.pg_indexam_has_property(ind_stor.relam, 'can_order') amcanorder /* left join pg_catalog.pg_am am on ind_stor.relam = am.oid*/
         left join pg_catalog.pg_opclass
                   on pg_opclass.oid = ind_head.indclass[k-1]
         left join pg_catalog.pg_namespace opcn on opcnamespace = opcn.oid
  --  join T on ind_head.indrelid = T.oid
where ind_stor.relnamespace = ?::oid
  and ind_stor.relkind in ('i', 'I')
and pg_catalog.age(ind_stor.xmin) <= coalesce(nullif(greatest(pg_catalog.age(?::varchar::xid), -1), -1), 2147483647)
order by index_id, k

-- query: Constraints (PK/UK/FK/CHECK/EXCLUDE) of all tables in a schema | schema_oid
select oid
from pg_catalog.pg_constraint
where conrelid != 0 and connamespace = ?::oid

-- query: Constraints (PK/UK/FK/CHECK/EXCLUDE) of all tables in a schema | schema_oid,schema_oid,xid:0
select T.oid::bigint as table_id,
       relkind as table_kind,
       C.oid::bigint as con_id,
       C.xmin as con_state_number,
       conname as con_name,
       contype as con_kind,
       conkey as con_columns,
       conindid as index_id,
       confrelid as ref_table_id,
       condeferrable as is_deferrable,
       condeferred as is_init_deferred,
       confupdtype as on_update,
       confdeltype as on_delete,
       connoinherit as no_inherit,
       pg_catalog.pg_get_expr(conbin, T.oid) /* consrc */ as con_expression,
       confkey as ref_columns,
       conexclop::int[] as excl_operators,
       array(select unnest::regoper::varchar from unnest(conexclop)) as excl_operators_str
from pg_catalog.pg_constraint C
         join pg_catalog.pg_class T
              on C.conrelid = T.oid
where relkind in ('r', 'v', 'f', 'p')
  and relnamespace = ?::oid
  and contype in ('p', 'u', 'f', 'c', 'x')
  and connamespace = ?::oid
  and pg_catalog.age(T.xmin) <= coalesce(nullif(greatest(pg_catalog.age(?::varchar::xid), -1), -1), 2147483647)

-- query: Other per-schema objects: sequences, types and triggers | schema_oid,xid:0
select cls.xmin as sequence_state_number,
       sq.seqrelid as sequence_id,
       cls.relname as sequence_name,
       pg_catalog.format_type(sq.seqtypid, null) as data_type,
       sq.seqstart as start_value,
       sq.seqincrement as inc_value,
       sq.seqmin as min_value,
       sq.seqmax as max_value,
       sq.seqcache as cache_size,
       sq.seqcycle as cycle_option,
       pg_catalog.pg_get_userbyid(cls.relowner) as "owner"
from pg_catalog.pg_sequence sq
    join pg_class cls on sq.seqrelid = cls.oid
    where cls.relnamespace = ?::oid
and pg_catalog.age(cls.xmin) <= coalesce(nullif(greatest(pg_catalog.age(?::varchar::xid), -1), -1), 2147483647)
--  and cls.relname in ( :[*f_names] )

-- query: Other per-schema objects: sequences, types and triggers | schema_oid,xid:0
select T.oid as type_id,
       T.xmin as type_state_number,
       T.typname as type_name,
       T.typtype as type_sub_kind,
       T.typcategory as type_category,
       T.typrelid as class_id,
       T.typbasetype as base_type_id,
       case when T.typtype in ('c','e') then null
            else pg_catalog.format_type(T.typbasetype, T.typtypmod) end as type_def,
       T.typndims as dimensions_number,
       T.typdefault as default_expression,
       T.typnotnull as mandatory,
       pg_catalog.pg_get_userbyid(T.typowner) as "owner"
from pg_catalog.pg_type T
         left outer join pg_catalog.pg_class C
             on T.typrelid = C.oid
where T.typnamespace = ?::oid
  --  and T.typname in ( :[*f_names] )
  and pg_catalog.age(T.xmin) <= coalesce(nullif(greatest(pg_catalog.age(?::varchar::xid), -1), -1), 2147483647)
  and (T.typtype in ('d','e') or
       C.relkind = 'c'::"char" or
       (T.typtype = 'b' and (T.typelem = 0 OR T.typcategory <> 'A')) or
       T.typtype = 'p' and not T.typisdefined)
order by 1

-- query: Other per-schema objects: sequences, types and triggers | schema_oid,xid:0
select T.tgrelid as table_id,
       T.oid as trigger_id,
       T.xmin as trigger_state_number,
       T.tgname as trigger_name,
       T.tgfoid as function_id,
       pg_catalog.encode(T.tgargs, 'escape') as function_args,
       T.tgtype as bits,
       T.tgdeferrable as is_deferrable,
       T.tginitdeferred as is_init_deferred,
       T.tgenabled as trigger_fire_mode,
       T.tgattr as columns,
       T.tgconstraint != 0 as is_constraint,
       T.tgoldtable /* null */ as old_table_name,
       T.tgnewtable /* null */ as new_table_name,
       pg_catalog.pg_get_triggerdef(T.oid, true) as source_code
from pg_catalog.pg_trigger T
join pg_catalog.pg_class TAB on TAB.oid = T.tgrelid and TAB.relnamespace = ?::oid
where true
  --  and TAB.relname in ( :[*f_names] )
  and pg_catalog.age(T.xmin) <= coalesce(nullif(greatest(pg_catalog.age(?::varchar::xid), -1), -1), 2147483647)
  and not T.tgisinternal

-- query: Other per-schema objects: sequences, types and triggers | schema_oid
select D.objid as dependent_id,
       D.refobjid as owner_id,
       D.refobjsubid as owner_subobject_id
from pg_depend D
  join pg_class C_SEQ on D.objid    = C_SEQ.oid and D.classid    = 'pg_class'::regclass::oid
  join pg_class C_TAB on D.refobjid = C_TAB.oid and D.refclassid = 'pg_class'::regclass::oid
where C_SEQ.relkind = 'S'
  and C_TAB.relkind = 'r'
  and D.refobjsubid <> 0
  and (D.deptype = 'a' or D.deptype = 'i')
  and C_TAB.relnamespace = ?::oid
order by owner_id

-- Sent messages and recorded flow runs keep phone numbers masked from now on: mask what was kept in full.
-- The mask keeps the plus sign, the first digit and the last 4 ("+15554443232" gives "+1******3232"); the
-- application keeps the whole country code, which SQL cannot tell. A number of fewer than 6 digits is
-- masked whole. Values already masked (with a '*') are left as they are.
-- SQLite only: PostgreSQL tenants began after this step, so they never held a number unmasked.
/*sqlite*/ UPDATE sms_messages SET to_number = CASE
        WHEN length(to_number) < 7 THEN substr('********************', 1, length(to_number))
        ELSE substr(to_number, 1, 2) || substr('********************', 1, length(to_number) - 6)
            || substr(to_number, length(to_number) - 3)
    END
    WHERE to_number != '' AND instr(to_number, '*') = 0;

/*sqlite*/ UPDATE executions SET event = json_set(event, '$.message_options.recipient', CASE
        WHEN length(json_extract(event, '$.message_options.recipient')) < 7
            THEN substr('********************', 1, length(json_extract(event, '$.message_options.recipient')))
        ELSE substr(json_extract(event, '$.message_options.recipient'), 1, 2)
            || substr('********************', 1, length(json_extract(event, '$.message_options.recipient')) - 6)
            || substr(json_extract(event, '$.message_options.recipient'),
                      length(json_extract(event, '$.message_options.recipient')) - 3)
    END)
    WHERE json_valid(event) AND json_type(event, '$.message_options.recipient') = 'text'
        AND json_extract(event, '$.message_options.recipient') != ''
        AND instr(json_extract(event, '$.message_options.recipient'), '*') = 0;

/*sqlite*/ UPDATE executions SET event = json_set(event, '$.user.phone_number', CASE
        WHEN length(json_extract(event, '$.user.phone_number')) < 7
            THEN substr('********************', 1, length(json_extract(event, '$.user.phone_number')))
        ELSE substr(json_extract(event, '$.user.phone_number'), 1, 2)
            || substr('********************', 1, length(json_extract(event, '$.user.phone_number')) - 6)
            || substr(json_extract(event, '$.user.phone_number'),
                      length(json_extract(event, '$.user.phone_number')) - 3)
    END)
    WHERE json_valid(event) AND json_type(event, '$.user.phone_number') = 'text'
        AND json_extract(event, '$.user.phone_number') != ''
        AND instr(json_extract(event, '$.user.phone_number'), '*') = 0;

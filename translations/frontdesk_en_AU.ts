<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_AU">
<context>
    <name>account</name>
    <message>
        <location filename="../app/ui/start/account.py" line="+130" />
        <location line="+18" />
        <source>Account changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>What you had typed in {windows} could not be saved, so it was not kept.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>What you have typed in {windows} is not saved, and restoring closes every window: it would be lost. To keep it, choose Keep the current practice, then save or close {windows} first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>An administrator has disabled your account, so you were signed out. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>An administrator has changed your role to {role}: this desk now works with it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>An administrator has changed the account this desk opens as, so it now works as {user}. Anything you were saving just then was not saved; try it again.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <location filename="../app/ui/schedule/actions.py" line="+39" />
        <source>&amp;Open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Show this session in the details panel.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Copy details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Copy the session's time, worker and clients.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>C&amp;ancel…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Cancel this session for one client or for everyone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Undo cancellation…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Restore the bookings of a cancellation.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Co&amp;mplete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Mark the booked clients as attended.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Did no&amp;t attend…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Mark a client as did-not-attend.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Take &amp;back did not attend…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Put a client marked did-not-attend by mistake back to booked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>&amp;Edit session…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Change this session's clients, length, service, location or payments.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Reschedule…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Move this session to another time.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Replace &amp;worker…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Give this session to another worker.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Take &amp;payment…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Record a payment from a client of this session (or an adjustment).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>C&amp;linical note…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Write, read or finalize this session's clinical note.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Mark billed to &amp;insurer…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Record that this session was billed to an insurer or funder; it can never be deleted after.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Delete…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Delete a session entered in error, or apply a cancellation.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Select a session first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+66" />
        <source>Session actions</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <location filename="../app/ui/reports/audit_view.py" line="+61" />
        <source>Event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>When</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <location line="+86" />
        <source>User</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-85" />
        <location line="+88" />
        <source>Action</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-86" />
        <source>Record</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Outcome</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Changes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+37" />
        <location line="+270" />
        <source>Audit log</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-235" />
        <source>All users</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>All actions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Record or session number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Record or session #</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;From</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;To</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>From date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>To date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Apply filters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;User</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>A&amp;ction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Record</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>Audit events</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>&amp;Verify chain</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Re-read every event: links, signatures, the shown text and checkpoints.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+31" />
        <source>Problems found in the audit trail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-27" />
        <source>Include full before/after &amp;snapshots (larger file, slower)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Adds each event's full record before and after the change to the CSV.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Export &amp;CSV…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Export &amp;PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Pr&amp;int…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The events shown, as their PDF prints, in a preview.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+57" />
        <source>“{typed}” is not a record number. Type the number shown in the Record or Session column (for example 1042), or clear the box to see every record.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>{n} events</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source> (the newest shown; narrow the filters for older ones)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>Export the audit log</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Exporting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>Laying out the pages…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/audit/verify.py" line="+47" />
        <source>Every event was re-read ({events}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>No event was written after checkpoint #{checkpoint}; the events up to it were verified when it was written.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Events #{first} to #{last} were re-read (those after checkpoint #{checkpoint}); the events up to it were verified when it was written.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+15" />
        <source>Audit trail damaged: %n problem(s) in {events} events.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>; %n checkpoint(s) held</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+2" />
        <source>Audit trail intact: {events} events verified{held}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Audit trail intact: {events} events; the {rechecked} after checkpoint #{checkpoint} re-read{held}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+58" />
        <source>The checkpoint file {name} written {when} (event #{event:,}) is missing from {folder}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>The record of where signing starts was changed: the checkpoint of {when} says after #{checkpoint:,}, the database says #{database:,}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>All {events:,} events up to #{last:,} are gone: the checkpoint of {date} counted them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>{gone:,} events after #{left:,} are gone: the checkpoint of {date} counted {events:,} events up to #{last:,}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source>Event #{event:,} no longer matches the checkpoint of {when}: the trail up to it was rewritten.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>{gone:,} events up to #{last:,} are gone: the checkpoint of {when} counted {events:,}, the database has {found:,}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>Events before #{event:,} are gone: the first event left does not start the chain.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>{gone:,} event(s) between #{prev:,} and #{event:,} are gone (#{event:,} no longer links to #{prev:,}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Event #{event:,} does not link to #{prev:,} before it: events were reordered, replaced, or removed and renumbered.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+33" />
        <source>The events after #{event:,} are signed with an audit key this desk does not have ({key_file} is missing or another one); they cannot be checked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Event #{event:,} ({action}) was not written by FrontDesk: its hash was made without the practice's audit key (forged or recomputed).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Event #{event:,} ({action}) was edited after it was written.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Event #{event:,} ({action}): the “what changed” text the audit log shows was altered; it no longer matches the recorded before and after.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+33" />
        <source>The database's guard against changing audit events was removed (trigger {triggers} missing): someone changed the database outside FrontDesk.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/audit/chain.py" line="+164" />
        <source>This desk's audit key ({key_file}) is not the one this practice's audit trail is signed with, so nothing can be saved here. Copy audit.key from a desk of the practice (or from its backups folder) into this desk's data folder, then try again. If the key is lost, an administrator starts a new one with `frontdesk audit new-key`.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/audit/checkpoint.py" line="+72" />
        <source>No checkpoint was written: the audit trail is damaged. {problem} Run `frontdesk audit verify --full` to see every problem.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/audit/checkpoint_files.py" line="+71" />
        <source>The checkpoint file {name} is damaged: it is not a checkpoint FrontDesk wrote.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The checkpoint file {name} is signed with an audit key this desk does not have, so it cannot be checked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The checkpoint file {name} was edited: its signature no longer matches what it says.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/audit/key.py" line="+70" />
        <source>The audit key file {path} is damaged. Put back the copy from the backups folder (audit.key) or from another desk of the practice, then try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+84" />
        <source>The audit key file {path} is empty. Put back its copy, then try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/audit/restored.py" line="+113" />
        <source>The trail was restored from the backup {backup} on {day} (up to event #{last}).</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+9" />
        <source>Set aside in {folder}: %n checkpoint(s) written after that backup.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
</context>
<context>
    <name>auth</name>
    <message>
        <location filename="../app/cli_signin.py" line="+27" />
        <source>Your role ({role}) cannot create the demo practice. Ask an administrator to do it, or sign in as one with --as NAME.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Your role ({role}) cannot start a new audit key. Ask an administrator to do it, or sign in as one with --as NAME.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Your role ({role}) cannot restore a backup. Ask an administrator to do it, or sign in as one with --as NAME.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Your role ({role}) cannot manage users. Ask an administrator to do it, or sign in as one with --as NAME.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/auth.py" line="+86" />
        <source>reception</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>manager</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>admin</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Your role ({role}) cannot undo cancellation. Ask a manager to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Your role ({role}) cannot take back a did-not-attend mark. Ask a manager to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Your role ({role}) cannot delete session. Ask a manager to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Your role ({role}) cannot waive a charge. Ask a manager to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Your role ({role}) cannot remove payments and adjustments. Ask a manager to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Your role ({role}) cannot post adjustments (write-offs, discounts, corrections). Ask a manager to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your role ({role}) cannot edit or finalize another user's clinical note. Ask a manager to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your role ({role}) cannot mark a session billed to an insurer or funder. Ask a manager to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your role ({role}) cannot run reports. Ask a manager to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Your role ({role}) cannot extract SDs for claiming. Ask a manager to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Your role ({role}) cannot back up the practice. Ask a manager to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Your role ({role}) cannot restore the practice from a backup. Ask an administrator to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your role ({role}) cannot import from CSV. Ask a manager to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Your role ({role}) cannot bulk cancel. Ask an administrator to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Your role ({role}) cannot change settings. Ask an administrator to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Your role ({role}) cannot manage users. Ask an administrator to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Your account no longer allows you to undo cancellation: an administrator has changed your role to {role}. Ask a manager to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to take back a did-not-attend mark: an administrator has changed your role to {role}. Ask a manager to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to delete session: an administrator has changed your role to {role}. Ask a manager to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to waive a charge: an administrator has changed your role to {role}. Ask a manager to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to remove payments and adjustments: an administrator has changed your role to {role}. Ask a manager to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to post adjustments (write-offs, discounts, corrections): an administrator has changed your role to {role}. Ask a manager to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to edit or finalize another user's clinical note: an administrator has changed your role to {role}. Ask a manager to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to mark a session billed to an insurer or funder: an administrator has changed your role to {role}. Ask a manager to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to run reports: an administrator has changed your role to {role}. Ask a manager to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to extract SDs for claiming: an administrator has changed your role to {role}. Ask a manager to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to back up the practice: an administrator has changed your role to {role}. Ask a manager to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to restore the practice from a backup: an administrator has changed your role to {role}. Ask an administrator to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to import from CSV: an administrator has changed your role to {role}. Ask a manager to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to bulk cancel: an administrator has changed your role to {role}. Ask an administrator to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to change settings: an administrator has changed your role to {role}. Ask an administrator to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to manage users: an administrator has changed your role to {role}. Ask an administrator to do it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>An administrator has disabled your account. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Your account no longer allows you to undo cancellation: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to take back a did-not-attend mark: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to delete session: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to waive a charge: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to remove payments and adjustments: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to post adjustments (write-offs, discounts, corrections): an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to edit or finalize another user's clinical note: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to mark a session billed to an insurer or funder: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to run reports: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to extract SDs for claiming: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to back up the practice: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to restore the practice from a backup: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to import from CSV: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to bulk cancel: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to change settings: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your account no longer allows you to manage users: an administrator has disabled it. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/policy.py" line="+48" />
        <source>Your role ({role}) cannot change workers, services or locations. Ask a manager to do it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Your role ({role}) cannot change cancellation reasons and billing rules. Ask an administrator to do it.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>backups</name>
    <message>
        <location filename="../app/ui/storage/menu.py" line="+43" />
        <source>&amp;Back up now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>A copy of the practice now, beside the daily backups.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Res&amp;tore from a backup…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Put the practice back as it was when a backup was taken.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>Backing up the practice…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Backup made</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>The backup could not be made. Try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>No backup made</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The practice was backed up to {name} ({size}) in {folder}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/storage/restore_dialog.py" line="+40" />
        <source>Daily</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Back up now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Before an upgrade</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Kept by a restore</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>{size} MB</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{size} KB</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>unknown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Checks out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cannot be restored: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Chosen file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>Restore from a backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Restoring puts the practice back as it was when the backup was taken. What was recorded since is gone; the practice as it is now is kept as a backup first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Taken</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Check</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Backups</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Backups are kept in {folder}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Browse…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Restore…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+31" />
        <source>There are no backups in {folder} yet. Use Browse… to choose a backup kept elsewhere.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+38" />
        <source>Choose a backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>FrontDesk backups (*.sqlite3);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>Nothing was recorded since {when}: nothing will be lost.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Restore a backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Put the practice back as it was on {when}?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Restore this backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Keep the current practice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The practice as it is now is kept as a backup first (listed here as “Kept by a restore”).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>FrontDesk closes and opens again on the restored practice: sign in again there.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>The backups could not be read. Try again.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>bookings</name>
    <message>
        <location filename="../app/ui/schedule/bookings.py" line="+52" />
        <source>Upcoming</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Started, unresolved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Completed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Did not attend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>All</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+38" />
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Location</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Booking</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Session #</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+61" />
        <source>From date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>To date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Booking status filter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Search bookings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Client, worker, service or session #</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Bookings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>&amp;From</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;To</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+94" />
        <source>{shown} of {total} bookings</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>bulk</name>
    <message>
        <location filename="../app/ui/bulk/candidates.py" line="+78" />
        <source>When</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <location filename="../app/ui/bulk/dialog.py" line="+153" />
        <source>Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/ui/bulk/dialog.py" line="+2" />
        <source>Service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Clients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Refunds</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>already in process (job #{n})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>{n} credit(s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/bulk/dialog.py" line="-98" />
        <source>There is no practice or worker cancellation reason to choose, so nothing can be cancelled in bulk. Ask an administrator to make one active in Practice ▸ Cancellation reasons &amp; billing rules, then open Bulk cancel again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>The sessions of the new range are still being read. Wait until the list shows them, then tick the ones to cancel.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+41" />
        <source>Bulk cancel sessions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+40" />
        <source>From</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>From:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>To</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>To:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>All workers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>All services</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Location</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>All locations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Sessions to cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Select &amp;all</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Select &amp;none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Selection summary</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reason:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Note:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Cancel selected &amp;&amp; export CSV…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cancel selected and export CSV</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+62" />
        <source>{n} session(s), {b} booking(s) — refunds {r}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Save the CSV audit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+39" />
        <source>{n} booking(s) are cancelled, the reason “{reason}”; nobody is charged.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/bulk/jobs.py" line="+77" />
        <source>Choose a practice or worker reason for a bulk cancellation.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-19" />
        <location filename="../app/ui/bulk/dialog.py" line="-29" />
        <source>Tick at least one session to cancel.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+38" />
        <source>The note is limited to {note_limit} characters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Some of these sessions are already in process in another bulk cancellation. Untick them, or wait for that job to finish.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+124" />
        <source>Bulk cancellation #{job_id} is already stopped. Choose it and Resume job to carry on.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Bulk cancellation #{job_id} is not running any more ({status}), so there is nothing to stop.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Only a stopped bulk cancellation can be resumed; #{job_id} is {status}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-189" />
        <source>Some sessions no longer exist; reload the list and try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/bulk/plan.py" line="+260" />
        <source>Cancel {sessions}, refund {clients}, e-mail {emails}?</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n session(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n client(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location filename="../app/ui/bulk/dialog.py" line="+32" />
        <source>Refunds: {r}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{n} client e-mail(s) go out; clients without consent or address get none.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The CSV audit is saved to {path} first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The cancelling runs in the background; you can keep working.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Cancel sessions?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Cancel sessions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/bulk/batch.py" line="+74" />
        <source>The session no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The session is already {status}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The session had already started.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+83" />
        <location filename="../app/services/bulk/jobs.py" line="+147" />
        <location filename="../app/services/bulk/run.py" line="+73" />
        <location line="+22" />
        <location line="+63" />
        <location filename="../app/services/bulk/undo.py" line="+56" />
        <source>Bulk cancellation #{job_id} no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+77" />
        <source>The session was moved to {when} since it was ticked, outside the days of this bulk cancellation ({first} to {last}); it was not cancelled. If it should be cancelled too, cancel it on its own.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/bulk/undo.py" line="+61" />
        <source>Nothing in this bulk cancellation is left to undo: its sessions were restored already, or it cancelled none.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <location line="+145" />
        <source>Nothing in this bulk cancellation could be undone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-126" />
        <source>This bulk cancellation is still running; wait for it to finish, then undo it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/bulk/audit_csv.py" line="+126" />
        <source>yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>no: booked after the plan was made</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Not cancelled: the job was stopped before it reached this session.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+66" />
        <source>already undone on its own</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>already restored by an earlier undo of this job</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Undone {when} by {who}; the reason given: {why}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>calendar</name>
    <message>
        <location filename="../app/ui/schedule/calendar.py" line="+28" />
        <source>Mini calendar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Previous month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Next month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Days of the month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Year</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/calendar/__init__.py" line="+18" />
        <source>&amp;Calendar feed…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/calendar/feed_dialog.py" line="+57" />
        <source>the calendar feed settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Calendar feed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>Result</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Publish now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Send the last week's and the next eight weeks' sessions to the calendars (after turning the feed on).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>On workers' calendars</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Clients shown as</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Clients shown &amp;as</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>For the exported .ics files and the live feed. Phones and shared calendars show these names to anyone who sees the calendar.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Live feed (CalDAV: Nextcloud, Radicale, iCloud…)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Publish each worker's schedule to the calendar server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Server address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Server &amp;address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>User name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;User name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Pass&amp;word</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Test with the calendar of</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Send &amp;test</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Test with</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Calendar of {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>No workers yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Each worker's calendar: a folder under the address, or a whole address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+47" />
        <source>Add a worker first: the test goes to a worker's calendar.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Sending a test event…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>{n} sessions queued for the calendars; the outbox sends them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/calendar_feed/settings.py" line="+89" />
        <source>Choose how clients are named on the calendars.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Enter the calendar server's address starting with https:// (for example https://cloud.example.com/remote.php/dav/calendars/frontdesk/).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Enter the calendar server's address to turn the live feed on.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>Calendar settings saved: clients show as {names}; the live feed is off.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Calendar settings saved: clients show as {names}; each change of a session is published to the workers' calendars.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>Enter the calendar server's address first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Choose a worker whose calendar to test.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>Turn the live feed on and save first; then the schedule can be published.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>cancel</name>
    <message>
        <location filename="../app/ui/sessions/cancel_pages.py" line="+41" />
        <source>The client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The practice (closure, emergency)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Who cancelled?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+35" />
        <source>Which clients cancelled?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The others stay booked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+31" />
        <source>Cancellation details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/advised.py" line="+70" />
        <source>Advised at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Set advised time to now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/cancel_pages.py" line="+6" />
        <source>Advised at:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/advised.py" line="+11" />
        <source>Notice given</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>How the notice is worked out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/cancel_pages.py" line="+2" />
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reason:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Optional, up to {limit} characters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Characters used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Note:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/common.py" line="+94" />
        <location line="+1" />
        <source>Waive the charge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location line="+1" />
        <source>Why the charge is waived</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Only a manager can waive a charge.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/cancel_pages.py" line="+5" />
        <source>Which sessions of the series</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Recurring:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/advised.py" line="+82" />
        <source>Notice: not worked out — {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/cancel_pages.py" line="+54" />
        <source>The note is limited to {limit} characters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{used} / {limit}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/advised.py" line="-138" />
        <source>Notice: {given}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>short notice: a fee of {money} applies</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>short notice, but no fee: {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>enough notice: no fee</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>N&amp;ow</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/cancel_pages.py" line="+30" />
        <source>Review and confirm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Manual update required</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Review</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Confirm cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/cancel_opener.py" line="+30" />
        <source>The client who sent this text is no longer booked in this session (another desk has dealt with it), so nothing was cancelled. Check the session, then mark the reply handled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+81" />
        <location filename="../app/ui/sessions/cancel_wizard.py" line="+123" />
        <source>Cancel session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/cancel_checks.py" line="+27" />
        <source>No client is still booked in this session; there is nothing to cancel.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/cancel.py" line="+302" />
        <location filename="../app/services/sessions/cancel_checks.py" line="+10" />
        <source>Choose a cancellation reason from the list.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/cancel_checks.py" line="+4" />
        <source>“{label}” belongs to the other billing profile; choose one from the list.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>“{label}” is not a reason for {value} cancellations; choose one from the list.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>The advised time is in the future. Enter when you were told, or press Now.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>The advised time is after the session start. If the client did not come, mark them as did-not-attend instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>The note is {count} characters long; the limit is {note_limit}. Shorten it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Tick whether the charge is waived, and say why.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Say why the charge is waived.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/common.py" line="+155" />
        <source>That client is no longer booked in this session.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/cancel_checks.py" line="+14" />
        <source>{display_name}'s booking is already {value}; only a booked client can cancel.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Choose which client cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/review_html.py" line="+57" />
        <source>This session only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>This and following sessions of the series</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>All upcoming sessions of the series</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>checklist</name>
    <message>
        <location filename="../app/ui/setup/checklist.py" line="+64" />
        <source>Practice details and time zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The practice's name, its time zone and the region whose public holidays count.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Check time zone…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Workers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Who sees clients, with their working hours.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Add workers…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Services</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>What you book: code, name, price and length.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Add services…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Cancellation reasons and billing rules</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The reasons staff choose when a session is cancelled, and what each one charges. FrontDesk starts with the NDIS and private-practice rules: check they are yours.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Review reasons…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>They are right</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Users</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>A sign-in for each person at the desk, or single-user mode for a desk of one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Add users…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>I'll do this later</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The mail server that sends clients their messages; until then they wait in the outbox.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Set up e-mail…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Not now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+40" />
        <source>Done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Left for later</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>To do</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+37" />
        <source>&amp;First-run checklist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+36" />
        <location line="+2" />
        <source>Set up your practice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+60" />
        <source>{n} of {all} done. This list comes back at each start until every step is done.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>The time zone is {zone} until you choose the practice's own.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>This computer's time zone is {zone}; the practice has {saved} until you confirm it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+54" />
        <source>This computer's time zone could not be read. Choose the practice's time zone, holiday region and currency, then Save.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Proposed from this computer's clock (until now {saved}). Check the time zone, the holiday region and the currency, then Save.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <location filename="../app/ui/schedule/commands.py" line="+54" />
        <source>Complete {service} at {time} with {worker}?

Booked clients ({names}) will be marked attended and a delivered SD created for each.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Complete session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Session not completed</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>complete</name>
    <message>
        <location filename="../app/ui/sessions/simple.py" line="+396" />
        <source>Complete session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>These clients are marked attended, each with a delivered SD:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>SDs to create</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Cancelled or did-not-attend clients keep their own records.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Complete</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>csv</name>
    <message>
        <location filename="../app/services/reports/day_sheet.py" line="+48" />
        <location filename="../app/services/reports/formatting.py" line="+186" />
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>End</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Clients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Location</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/formatting.py" line="+1" />
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/audit_log.py" line="+184" />
        <source>Event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>When</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>User</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Action</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Record</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/services/reports/day_sheet.py" line="+1" />
        <location filename="../app/services/reports/formatting.py" line="+1" />
        <source>Session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Outcome</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Changes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Before</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>After</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/formatting.py" line="-82" />
        <source>not yet claimed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>not an NDIS claim</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>not an NDIS claim: plan-managed, invoiced to the plan manager</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>not an NDIS claim: self-managed, invoiced to the participant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+69" />
        <source>client (funder pays no cancellation fees)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Service code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/day_sheet.py" line="-3" />
        <location filename="../app/services/reports/formatting.py" line="+1" />
        <source>Service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/formatting.py" line="+1" />
        <source>Client ID</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/day_sheet.py" line="-5" />
        <location filename="../app/services/reports/formatting.py" line="+1" />
        <source>Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/formatting.py" line="-77" />
        <source>not claimable: “{code}” is the practice's own service code, not an NDIS support item number, so the NDIS claim file leaves this charge out and the client pays it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+66" />
        <source>client (not claimable from the NDIS plan)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Cancelled by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Advised at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notice (hours)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Short notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Charge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Waived</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Waived amount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>SD</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Undone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Charged to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>SD claimed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <location line="+4" />
        <location line="+3" />
        <source>yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-7" />
        <location line="+4" />
        <location line="+3" />
        <source>no</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>dates</name>
    <message>
        <location filename="../app/ui/date_text.py" line="+35" />
        <source>Type a date and time, e.g. {example}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Type a date, e.g. {example}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Type a time, e.g. {example}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>“{text}” is not a date and time FrontDesk can read. Type it day first, e.g. {example}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>“{text}” is not a date FrontDesk can read. Type it day first, e.g. {example}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>“{text}” is not a time FrontDesk can read. Type it day first, e.g. {example}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+42" />
        <source>“{text}”: this field takes a date only, e.g. 07/12/2026.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>“{text}”: this field takes a time only, e.g. 09:00.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+72" />
        <location line="+6" />
        <source>“{text}”: write the time as 09:00, 0900 or 9am.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>“{text}”: write the date day first, e.g. 07/12/2026.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>“{text}”: write the year as 2026 or 26.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+57" />
        <source>“{text}”: add the day of the month, e.g. 7 Dec 2026.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>“{text}”: there is no month {month}. Type the date day first, e.g. 07/12/2026.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>“{text}”: there is no day {day} in month {month} of {year}. Type the date day first, e.g. 07/12/2026.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>“{text}”: with am or pm the hour runs 1 to 12.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>“{text}” is not a time of day: hours run 0–23 and minutes 0–59, e.g. 09:00.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/dates.py" line="+214" />
        <source>{name}: choose on a calendar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{name}: problem</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+153" />
        <source>{name}: calendar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Calendar</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>day sheet</name>
    <message>
        <location filename="../app/services/reports/day_sheet.py" line="-3" />
        <source>Day sheet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Location</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+44" />
        <location line="+7" />
        <source>{weekday} {date}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>{name} (cancelled)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{name} (did not attend)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Clients cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Did not attend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Completed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Booked ({cancelled} cancelled)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Booked</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+93" />
        <source>No sessions; %n cancelled (greyed).</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n session(s), {first} to {last}; {cancelled} cancelled (greyed).</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>%n session(s), {first} to {last}.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+43" />
        <source>Day sheet — {day}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>No sessions on this day.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>delete</name>
    <message>
        <location filename="../app/ui/sessions/delete_dialog.py" line="+67" />
        <source>Delete or cancel session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>&amp;Permanently delete — only for a session entered in error</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Apply cancellation — the session and its money stay</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Cancellation reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Choose a reason…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Note (optional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Reason:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Advised at:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Note:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Apply cancellation is not possible: </source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+58" />
        <source>&lt;b&gt;Permanent delete is blocked by:&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Remove</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+14" />
        <location line="+2" />
        <source>Remove {what}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-12" />
        <source>Only a manager can remove payments and adjustments.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Remove this {what} from the session?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Keep {what}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The audit log keeps what was removed, by whom and why.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Why is it being removed? (required)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>Apply &amp;cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>&amp;Delete permanently</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Choose the cancellation reason first: it says who cancelled and whether a fee applies.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+53" />
        <source>{client} is charged {money}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Apply cancellation?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cancel this session for everyone still booked?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Apply cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Reason: {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Advised at: {when}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>A manager can undo it later, unless its billing has been extracted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Delete permanently?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Permanently delete this session? This can't be undone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Delete permanently</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-21" />
        <location line="+22" />
        <source>Keep session</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <location filename="../app/services/demo/generate.py" line="+377" />
        <source>This database already has sessions; the demo practice needs an empty one.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>details</name>
    <message>
        <location filename="../app/ui/records/opener.py" line="+141" />
        <source>payment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>adjustment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <location line="+2" />
        <source>Remove {what}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-1" />
        <source>Remove this {what} from the session?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Keep {what}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The audit log keeps what was removed, by whom and why.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Why is it being removed? (required)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>Client account</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The client account screen is not part of this build yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/schedule/details_html.py" line="+33" />
        <location line="+55" />
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-54" />
        <source>Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Practice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+53" />
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Client account…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Bookings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cancellation history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Services delivered (SDs)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Payments and adjustments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Clinical note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Insurer or funder billing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Audit trail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>No-show charge {fee} waived: {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>Replaces session #{id}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Replaced by session #{id}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>{who} cancellation — {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+19" />
        <source>Undone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-17" />
        <source>Advised</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Recorded</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+15" />
        <source>{when} by {who}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-12" />
        <source>Notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{n} minutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Undo reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>short notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>enough notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{fee} waived: {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>waived: {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>charge withdrawn: {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>invoiced to the plan manager, not an NDIS claim</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>invoiced to the participant, not an NDIS claim</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>claim {claim}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>extracted {when}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>not extracted yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Payment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Adjustment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>received {day}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>ref. {ref}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>posted {when} by {who}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Remove…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>Finalized by {who} on {when} (written by {author}); read-only.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Draft by {author}, last saved {when}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Open note…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Write note…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+30" />
        <source>When</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Who</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>What</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Outcome</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Payment taken</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Payment removed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Adjustment posted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Adjustment removed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Note written</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Note changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Note finalized</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Billed to insurer or funder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/schedule/details.py" line="+41" />
        <source>Session details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Session actions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Select a session to see its bookings, cancellation history, billing and audit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/schedule/details_html.py" line="+12" />
        <source>None.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Session #{id} · {kind} · {price} · {code}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Never cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Take payment…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>No note yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>claim {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>billed {when}, marked by {who}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>A session billed to an insurer or funder can never be deleted; cancel it instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Not billed to an insurer or funder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Mark billed to insurer…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/reminder_state.py" line="+18" />
        <source>Confirmed {when}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reminder sent {when}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reminder queued for {when}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <location filename="../app/ui/messages.py" line="+99" />
        <source>What this does</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+66" />
        <source>Unsaved changes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-15" />
        <source>Save the changes to {name}?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Discard throws away what you changed; Cancel goes back to the form.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/records/opener.py" line="-10" />
        <location filename="../app/ui/sessions/controller.py" line="+209" />
        <source>Not possible</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/cancel_opener.py" line="+75" />
        <source>Undo cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>This session has no cancellation to undo.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/lines.py" line="+30" />
        <source>Problem</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/controller.py" line="-25" />
        <source>Changed at another desk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/delete_opener.py" line="+87" />
        <source>Other system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/service_dialog.py" line="+20" />
        <source>saved — leave empty to keep it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+109" />
        <source>The test could not be run. Check the settings and try again.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>dna</name>
    <message>
        <location filename="../app/ui/sessions/simple.py" line="-188" />
        <source>Did not attend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Which client(s) did not attend?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>No-show charges</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Mark did not attend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Tick the clients who did not come.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>{none} (waived; was {fee})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>{summary} — not sent: {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Take back did not attend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Whose did-not-attend mark is a mistake?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>The client is booked again, so the session can be completed or marked again; the no-show charge is removed and an unsent did-not-attend e-mail withdrawn.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Why is the mark taken back?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Why the mark is taken back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Take back did not attend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>What blocks taking the mark back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>The mark of {names} can't be taken back: the no-show charge was already extracted for claiming. Correct the claim with the funder instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/attendance.py" line="+207" />
        <source>The practice has no no-show rule, so no charge applies.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>No-show charge {amount}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+94" />
        <source>Marked did-not-attend: {names}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The no-show charge was waived.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>email</name>
    <message>
        <location filename="../app/services/outbox/templates.py" line="+96" />
        <source>there</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+41" />
        <source>{starts_local}: {service} with {worker}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Reason: {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+27" />
        <source>Phone {phone}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../app/services/outbox/notify.py" line="+367" />
        <source>%n clear business day(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+3" />
        <source>A cancellation fee of {fee} applies: you gave {given} of notice and this service needs {threshold}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/attendance.py" line="-90" />
        <source>A no-show fee of {fee} applies, as the practice's cancellation policy says.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>extract</name>
    <message>
        <location filename="../app/ui/reports/extraction_dialog.py" line="+58" />
        <source>Extract SDs for claiming</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>From date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>To date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Preview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location line="+57" />
        <source>Press Preview to see what would be claimed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-54" />
        <source>&amp;Extract to file…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Batch number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Re-export batch…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Sessions now blocked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>After extracting, the sessions whose undo or delete is now blocked:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;From</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;To</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Earlier batch:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+49" />
        <source>{n} SD(s) not yet extracted, {money} in total.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>The dates changed since the preview. Press Preview to see what would be claimed for them, then extract.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Mark {n} SD(s) as extracted for claiming? Undoing those cancellations and deleting those sessions will no longer be possible.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Extracting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>Writing the batch again…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/extraction.py" line="+133" />
        <source>{name} has no NDIS number: {count} SD(s) left for a later extraction.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>{count} SD(s) of privately funded or insured clients are not NDIS claims.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+41" />
        <source>undo of cancellation #{id}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>permanent delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>The SDs of this period changed since the preview (another desk added, changed or extracted some), so nothing was extracted. Press Preview to see them as they are now, then extract.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-38" />
        <source>Nothing new to extract: every SD of the period was already extracted. Re-export an earlier batch by its number if you need its file again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-70" />
        <source>{count} SD(s) of plan-managed NDIS participants are left out: their plan manager is invoiced and pays the practice.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>{count} SD(s) of self-managed NDIS participants are left out: the participant is invoiced and pays the practice.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+34" />
        <source>{count} SD(s) of NDIS participants under the service code “{code}” are left out: it is not an NDIS support item number (such as 15_055_0128_1_3), so the portal would refuse them. Bill them another way, and book NDIS participants into a service whose code is its support item number (Practice ▸ Services…).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+37" />
        <source>Nothing in this period can be claimed; the reasons are below.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>There are no SDs for sessions in this period, so there is nothing to claim. Check the dates: an SD is made when a session is completed, or when a client cancels late or does not attend.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+88" />
        <source>Batch {batch} was extracted, but its file could not be put in {name} ({problem}). Re-export batch {batch} to another folder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+70" />
        <source>Batch {batch}: {count} SD(s), {total}, written to {file}. Undo and delete are now blocked for {locked} session(s).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/claim_file.py" line="+156" />
        <source>The practice's ABN is not set, so the file leaves it empty and the portal will refuse it: set it in Practice ▸ Practice settings ▸ Provider details, then re-export this batch.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>The practice's NDIS registration number is not set, so the file leaves it empty and the portal will refuse it: set it in Practice ▸ Practice settings ▸ Provider details, then re-export this batch.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The practice's ABN and NDIS registration number are not set, so the file leaves it empty and the portal will refuse it: set it in Practice ▸ Practice settings ▸ Provider details, then re-export this batch.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/extraction.py" line="+35" />
        <source>Batch {batch} re-exported: {count} SD(s), {total}, written to {file}.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <location filename="../app/cli_bulk.py" line="+45" />
        <source>bulk cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli_reports.py" line="+102" />
        <source>extraction batch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+34" />
        <source>record</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/cli_types.py" line="+37" />
        <location filename="../app/services/setup/csv_rows.py" line="+298" />
        <location line="+1" />
        <source>date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/boundary.py" line="+30" />
        <source>limit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+119" />
        <source>start date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>end date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/bulk/jobs.py" line="-124" />
        <source>day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <location filename="../app/services/money/payments.py" line="+254" />
        <location line="+54" />
        <location filename="../app/services/records/notes.py" line="+128" />
        <location filename="../app/services/sessions/cancel_checks.py" line="-55" />
        <location filename="../app/services/setup/clients.py" line="+128" />
        <location filename="../app/services/setup/waitlist.py" line="+105" />
        <source>note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/dto.py" line="+50" />
        <location filename="../app/services/reports/model.py" line="+26" />
        <source>cancelled by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>scope</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/account.py" line="+128" />
        <location filename="../app/services/money/insurance.py" line="+158" />
        <location filename="../app/services/money/invoice.py" line="+120" />
        <location filename="../app/services/money/packs.py" line="+89" />
        <location filename="../app/services/money/payments.py" line="-142" />
        <location filename="../app/services/money/remittance.py" line="+152" />
        <source>client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/insurance.py" line="-87" />
        <source>insurer or funder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>claim number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+30" />
        <source>billing date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+55" />
        <location filename="../app/ui/records/opener.py" line="+100" />
        <source>amount billed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/packs.py" line="-28" />
        <location filename="../app/services/sessions/scheduling.py" line="+116" />
        <source>paid with</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+45" />
        <location filename="../app/ui/records/opener.py" line="-150" />
        <source>payment method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source>pack name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>pack's price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>expiry date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+203" />
        <location line="+51" />
        <source>class's price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/payments.py" line="-98" />
        <source>payment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+226" />
        <location filename="../app/ui/records/opener.py" line="+10" />
        <source>adjustment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-224" />
        <source>write-off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>discount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>correction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <location filename="../app/services/outbox/integration_settings.py" line="+43" />
        <location filename="../app/services/sessions/scheduling.py" line="-1" />
        <location filename="../app/services/setup/sessions.py" line="+39" />
        <source>kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>amount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+65" />
        <source>date received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+42" />
        <source>reference</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+174" />
        <location filename="../app/services/sessions/dna_undo.py" line="+138" />
        <source>reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/cancel_checks.py" line="-17" />
        <source>advised time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+41" />
        <source>reason for the waiver</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/common.py" line="-102" />
        <source>session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/scheduling.py" line="+21" />
        <location filename="../app/services/setup/editing.py" line="+102" />
        <location filename="../app/services/setup/sessions.py" line="+64" />
        <source>session's start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+60" />
        <location line="+17" />
        <location filename="../app/services/setup/editing.py" line="+215" />
        <source>new start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/undo.py" line="+312" />
        <source>undo reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/catalogue.py" line="+38" />
        <source>unit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+53" />
        <source>price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>service code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>service name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>default length (minutes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>skill needed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+102" />
        <source>location's name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location filename="../app/services/setup/settings.py" line="+237" />
        <source>address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/clients.py" line="-83" />
        <source>funding</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>NDIS plan management</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+68" />
        <source>first name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>last name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/remittance.py" line="-103" />
        <location filename="../app/services/setup/clients.py" line="+41" />
        <source>plan manager</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/funders.py" line="+66" />
        <source>funder's name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/reasons.py" line="+47" />
        <source>applies to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>threshold unit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>charge kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>ndis reason code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+93" />
        <source>fixed fee</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+31" />
        <source>reason's name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>reason's code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/sessions.py" line="+3" />
        <source>last date of the repeat</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>length (minutes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>number of places</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/settings.py" line="-149" />
        <source>clear day counting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+133" />
        <source>practice name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>number of cancellations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>number of weeks</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>idle time before sign-out (minutes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>NDIS registration number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>legal name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>phone number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>e-mail address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>payment details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/workers.py" line="+141" />
        <source>worker's name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>skills</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/users.py" line="+66" />
        <source>user name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+35" />
        <location line="+51" />
        <source>full name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-7" />
        <location line="+81" />
        <source>role</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ical</name>
    <message>
        <location filename="../app/ui/reports/ical_dialog.py" line="+35" />
        <source>Export schedule (iCalendar)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Everyone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>From date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>To date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Save .ics…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;From</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;To</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Clients are named as chosen in Tools ▸ Calendar feed… (initials unless changed). A session deleted for good stays in the file as cancelled, so a calendar that imported it takes it off.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+27" />
        <source>Exporting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Saved {n} sessions to {path}.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>input</name>
    <message>
        <location filename="../app/services/boundary.py" line="-16" />
        <source>The {what} {day} is outside the years FrontDesk works with ({first}–{last}); check the date.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+35" />
        <source>The {what} has no time zone; FrontDesk cannot tell when it is.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+40" />
        <source>The {what} contains a hidden control character ({found}) that would store or show the text wrongly; remove it, or type the text again rather than pasting it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>The {what} is {length} characters long; the limit is {limit}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>The {what} is more than FrontDesk accepts for one amount ({most}); check the figure.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>The {what} cannot be negative.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>The {what} must be between 1 and {high}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>There is no {what} numbered {value}; check the number.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>insurance</name>
    <message>
        <location filename="../app/ui/money/insurance_dialog.py" line="+65" />
        <location line="+98" />
        <source>Mark billed to insurer or funder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-82" />
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <location line="+8" />
        <source>Insurer or funder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-1" />
        <source>Choose or type a name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Claim number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location line="+2" />
        <source>Date billed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Amount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>A session billed to an insurer or funder can never be permanently deleted, for good: afterwards it can only be cancelled, and its charges corrected through payment entry.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>&amp;Mark billed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>No client is booked in this session; book the client first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>Mark this session billed to {funder} for {client}?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Mark billed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Claim {number}, {amount}, billed {day}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>The session can then never be permanently deleted: only cancelled, its charges corrected through payment entry.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/records/opener.py" line="+122" />
        <source>Already billed: {funder}, claim {number}, {amount}, for {client}.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>invoice</name>
    <message>
        <location filename="../app/services/money/invoice.py" line="-76" />
        <source>session delivered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>late cancellation charge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>no-show charge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The plan manager of {name} (NDIS participant {number})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{name} (self-managed NDIS participant {number})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{manager}, plan manager of {name} (NDIS participant {number})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{name}'s record does not name their plan manager or the e-mail address they take invoices at: add them in the client's form (Clients, Edit…, Plan manager), then save the invoice again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+65" />
        <source>That client no longer exists; it may have been removed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+96" />
        <source>Choose another period.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <location filename="../app/services/money/invoice_mail.py" line="+120" />
        <source>{first} to {last}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Nothing to invoice: no session of {who} from {period} costs them anything (sessions not yet completed, places paid with class credits or a purchase, and what an NDIS plan or funder is claimed for are not invoiced). {instead}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>The practice's payment details are not set, so the invoice does not say how to pay: set them in Practice ▸ Practice settings ▸ Provider details, then save the invoice again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>The practice's ABN is not set, so the invoice does not show it, and a plan manager needs it to pay: set it in Practice ▸ Practice settings ▸ Provider details, then save the invoice again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Total {total} · paid {paid} · due {due}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/invoice_pdf.py" line="+47" />
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Support item</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Claim</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Qty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Unit price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/ui/money/invoice_payment_dialog.py" line="+54" />
        <source>Amount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Date of issue: {day}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>To: {who}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>E-mail: {address}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Sessions from {first} to {last}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>NDIS provider registration number: {number}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/invoice_payment.py" line="+88" />
        <location filename="../app/services/money/invoice_pdf.py" line="+4" />
        <source>Invoice {number}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Invoice {number} is paid in full: nothing is due on it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>{amount} is more than the {due} due on invoice {number}. Check the amount; money for other sessions is recorded on each with Take payment.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source>Recorded {amount} against invoice {number} ({n} session(s)); {due} is still due on it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/invoice_batch.py" line="+54" />
        <source>Plan-managed NDIS participants (to their plan managers)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Self-managed NDIS participants</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Everyone with something to pay</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>any plan-managed NDIS participant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>any self-managed NDIS participant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>any client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>To</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Lines</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/services/money/invoice_pdf.py" line="+26" />
        <source>Total</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Due</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>Choose whose invoices to make from the list.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+102" />
        <source>The folder {folder} does not exist; choose an existing folder for the invoices.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>Saved {count} invoice(s) to {folder}: total {total}, due {due}. The list of them is {listing}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The records of {names} do not name their plan manager or the e-mail address they take invoices at: add them in each client's form (Clients, Edit…, Plan manager), then save the invoices again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>Choose other days, or other clients.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/invoice_pdf.py" line="+2" />
        <source>Adjustments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/invoice_batch.py" line="-181" />
        <location filename="../app/services/money/invoice_pdf.py" line="+1" />
        <source>Paid</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/invoice_pdf.py" line="+1" />
        <source>Balance due</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/invoice_mail.py" line="-84" />
        <source>no e-mail address to send it to (add the plan manager's, or the client's)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>the client has not agreed to be e-mailed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>already e-mailed with this balance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>{n} invoice e-mail(s) wait in the outbox (Tools ▸ Outbox and alerts) and go after the practice's grace period.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Not e-mailed: {names}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>{practice}: invoice {number} for {client}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+34" />
        <source>plan manager</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Please find attached invoice {number} for {client}, for the sessions from {period}: total {total}, paid {paid}, due {due}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <location filename="../app/services/money/invoice_pdf.py" line="+10" />
        <source>How to pay: {details}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/invoice_batch.py" line="-6" />
        <location filename="../app/services/money/invoice_pdf.py" line="+15" />
        <source>Invoice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/invoice_pdf.py" line="+19" />
        <source>Invoice {number} was saved to {path}: {due}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/money/invoice_dialog.py" line="+34" />
        <source>Invoice for {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <location filename="../app/ui/money/invoices_dialog.py" line="+42" />
        <source>From date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <location filename="../app/ui/money/invoices_dialog.py" line="+0" />
        <source>To date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;E-mail it to the address it names</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-20" />
        <source>Queued in the outbox with the PDF attached: to the plan manager's e-mail of a plan-managed participant, else to the client's.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>&amp;Save invoice PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <location filename="../app/ui/money/invoices_dialog.py" line="+14" />
        <source>&amp;From</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/ui/money/invoices_dialog.py" line="+1" />
        <source>&amp;To</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Record a &amp;payment of it…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>What the plan manager (or the client) paid against this invoice, recorded on its sessions oldest first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Lists each session of these days that costs the client: delivered, or a late cancellation's or no-show's charge, with what was paid and what is due. A plan-managed participant's invoice is addressed to their plan manager.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <location filename="../app/ui/money/invoices_dialog.py" line="+32" />
        <source>Saving…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>The invoice of {name} for {first} to {last}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/money/invoices_dialog.py" line="-53" />
        <source>Invoices for a period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Whose invoices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;E-mail each to the address it names</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Save invoices to a folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>&amp;Whose</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>One PDF invoice for each client who has something of these days to pay (sessions delivered, late cancellation and no-show charges), named by its number, and a CSV list of them with what each is due. A plan-managed participant's is addressed to their plan manager. Saved again for the same days, each is the same invoice, with any payment since.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/money/invoice_payment_dialog.py" line="-12" />
        <source>Record a payment of the invoice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Method:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>What was received, e.g. 95.00</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Amount:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Date received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Date received:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Reference</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Remittance or transaction no.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reference:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>&amp;Record payment</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>jobs</name>
    <message>
        <location filename="../app/ui/bulk/panel.py" line="+47" />
        <source>Job</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Created</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+36" />
        <location filename="../app/ui/bulk/undoing.py" line="+148" />
        <source>No bulk cancellation running.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Bulk cancellation progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Bulk cancellations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Stop job…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Stop the running bulk cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Resu&amp;me job</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Resume the selected stopped bulk cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Undo job…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Undo the selected bulk cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+100" />
        <source>Already in process</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location line="+8" />
        <source>Bulk cancel not started</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-4" />
        <source>The bulk cancellation could not be queued; nothing was cancelled. Try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Bulk cancellation queued</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The CSV audit was saved to {path}. {n} session(s) are being cancelled in the background; you can keep working.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Bulk cancellation #{id} running…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+49" />
        <source>Bulk cancellation #{id} stopped: {d} cancelled, {s} skipped, {f} failed, {p} not reached. Choose it and Resume job to carry on.{r}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Bulk cancellation #{id}: {d} cancelled, {s} skipped, {f} failed.{r}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/bulk/questions.py" line="+17" />
        <source>{n} session(s) are rostered again and their clients booked back in.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Credits and purchases the cancellation refunded are taken back again, and the charges it recorded are removed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Cancellation e-mails not sent yet are withdrawn; clients already told get a “back on” e-mail.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Sessions whose charges were already extracted for claiming stay cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The undo runs in the background; you can keep working.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Restore the {n} session(s) bulk cancellation #{id} cancelled?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Undo job</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Keep cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Why is the bulk cancellation being undone?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The sessions being cancelled right now are finished first; no more start.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Sessions already cancelled stay cancelled; Undo job… restores them if need be.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The sessions not reached stay booked. The job waits, also after FrontDesk is started again, until you choose it and Resume job.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>The results file beside the CSV audit lists what was done so far.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Stop bulk cancellation #{id}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Stop bulk cancellation #{id} after the sessions in progress?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Stop job</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Keep running</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/bulk/panel.py" line="+84" />
        <source>Undo bulk cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-65" />
        <source>Something went wrong while cancelling.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Bulk cancellation #{id} stopped; it carries on at the next start. {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Stop bulk cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Choose the running job in the list first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Stopping bulk cancellation #{id} after the sessions in progress…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Bulk cancellation #{id} stopped. Choose it and Resume job to carry on.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <location line="+8" />
        <source>Resume bulk cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-7" />
        <source>Choose a stopped job in the list first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>Choose a job in the list first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/bulk/undoing.py" line="-54" />
        <source>Undo bulk cancellation #{id}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>This bulk cancellation is still running; wait for it to finish, then undo it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Nothing in this bulk cancellation is left to undo: its sessions were restored already, or it cancelled none.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Undoing bulk cancellation #{id}…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Bulk cancellation #{id} undone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Bulk cancellation undone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{n} session(s) restored, clients rebooked and refunds reversed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>
Not undone:
</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Undo refused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Undoing bulk cancellation #{id} stopped. What was restored stays restored; choose the job and Undo job… again to carry on.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Bulk cancellation #{id} could not be read; nothing was undone. Try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Undo stopped</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>legend</name>
    <message>
        <location filename="../app/ui/schedule/legend.py" line="+27" />
        <source>Booked (colour = service)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Partly cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Completed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Did not attend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Started, not yet resolved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>Schedule key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+59" />
        <source>Now</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>lifecycle</name>
    <message>
        <location filename="../app/models/lifecycle.py" line="+70" />
        <source>This session has started — mark the client as did-not-attend instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>No client is still booked in this session.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>This session hasn't started yet; complete it once it has started.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>This session hasn't started yet; a client can only be marked did-not-attend once it has.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>This session has no cancellation to undo.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>No client of this session is marked did-not-attend.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Its charges were already extracted for claiming, so the cancellation can't be undone; correct the claim with the funder instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>This session is cancelled; undo the cancellation first, or reschedule it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>This session is completed; it can't be moved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>This session has started; it can no longer be changed. Record attendance instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>This session has started; it can no longer be moved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>This session is cancelled; only a rostered session can be changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>This session is completed; only a rostered session can be changed.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>lists</name>
    <message>
        <location filename="../app/ui/empty_list.py" line="+60" />
        <source>Nothing matches “{text}”. Clear the search to see the whole list.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>login</name>
    <message>
        <location filename="../app/ui/start/login.py" line="+93" />
        <source>Sign in to FrontDesk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <location line="+90" />
        <source>User name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-89" />
        <location line="+91" />
        <source>Password:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-90" />
        <source>&amp;Sign in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>One moment: FrontDesk is still opening the practice's data, and signs you in as soon as it has.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>The password was typed in capitals: is Caps Lock on?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+36" />
        <source>Welcome to FrontDesk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Create the administrator account. The administrator adds the other users, sets the practice up, and can run bulk cancellations. Next, a short checklist beside the schedule walks you through the rest of the set-up.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Your name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Password again:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Create administrator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Practice name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Time zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Time zone:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>This computer's time zone. The public holidays of its state or region count for notice; both can be changed later in Practice settings.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>This computer's time zone could not be read: choose the practice's, e.g. Australia/Melbourne.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/ui/schedule/panels.py" line="+37" />
        <source>Calendar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>&amp;Calendar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Session details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Session d&amp;etails</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/start/arrivals.py" line="+48" />
        <source>Live · updated {time}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+27" />
        <source>&amp;Unresolved ({n})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/schedule/loader.py" line="+71" />
        <source>Could not load: {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The schedule could not be read; File ▸ Refresh now tries again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/start/first_week.py" line="+150" />
        <location filename="../app/ui/start/main_window.py" line="+179" />
        <source>FrontDesk — {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/start/main_window.py" line="-37" />
        <source>Views</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Schedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Bookings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Unresolved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Time zone changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+38" />
        <source>The practice's time zone is now {new}, but the times on this desk are still shown in {old}. Close FrontDesk and open it again to show them in {new}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+150" />
        <source>Not available</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/start/selection.py" line="+31" />
        <source>No session selected.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+45" />
        <source>Session #{id}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>Session details copied.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source>“{name}” opens its dialog here; that dialog is not part of this build yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/start/session_search.py" line="+20" />
        <source>1 session matches</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>{n} sessions match</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/schedule/calendar.py" line="+47" />
        <source>Key to the schedule</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>menus</name>
    <message>
        <location filename="../app/ui/schedule/chrome.py" line="+22" />
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Refresh now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>S&amp;ession</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Reception</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Manager</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Administrator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>{user} ({role})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Signed in as {user}, role {role}. File ▸ Sign out (Ctrl+Shift+L) to change.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Signed in as</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Last refresh</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>money</name>
    <message>
        <location filename="../app/services/money/account.py" line="-79" />
        <source>Open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Used up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-5" />
        <location line="+6" />
        <source>Expired</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/account_pdf.py" line="+55" />
        <location filename="../app/ui/money/account.py" line="+74" />
        <source>Bought</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/ui/money/account.py" line="+2" />
        <source>Pack</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/account.py" line="+7" />
        <location filename="../app/services/money/account_pdf.py" line="+1" />
        <location line="+9" />
        <location filename="../app/ui/money/account.py" line="+1" />
        <location line="+16" />
        <source>Credits</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/account_pdf.py" line="-30" />
        <source>Paid by: {payer}. Credits left: {credits}. Paid to date: {paid}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Paid by: {payer}. Credits owed: {credits}. Paid to date: {paid}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <location line="+9" />
        <location filename="../app/ui/money/account.py" line="-15" />
        <source>Left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-8" />
        <location filename="../app/ui/money/account.py" line="+1" />
        <source>Expires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+35" />
        <location filename="../app/ui/money/account.py" line="+1" />
        <source>never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>No purchases, credits or payments yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/money/account.py" line="+1" />
        <source>Price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/account_pdf.py" line="-52" />
        <location filename="../app/ui/money/account.py" line="+2" />
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <location filename="../app/ui/money/account.py" line="+7" />
        <source>When</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/account.py" line="-20" />
        <source>Purchase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Credit used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Refund</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Refund reversed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+4" />
        <source>Adjustment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-2" />
        <source>Payment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/services/money/account_pdf.py" line="+1" />
        <location filename="../app/ui/money/account.py" line="+2" />
        <source>What</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <location filename="../app/ui/money/account.py" line="+3" />
        <source>Credits left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/services/money/account_pdf.py" line="+4" />
        <location filename="../app/ui/money/account.py" line="+2" />
        <source>Amount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/services/money/account_pdf.py" line="+1" />
        <location filename="../app/ui/money/account.py" line="+2" />
        <source>Paid to date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-4" />
        <location filename="../app/services/money/account_pdf.py" line="-4" />
        <location filename="../app/ui/money/account.py" line="+2" />
        <source>Details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/account_pdf.py" line="+61" />
        <location filename="../app/ui/money/account.py" line="+23" />
        <location line="+168" />
        <source>Client account</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/money/account.py" line="-162" />
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Account summary</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/account_pdf.py" line="-38" />
        <location filename="../app/ui/money/account.py" line="+8" />
        <location line="+17" />
        <source>Class packs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <location filename="../app/ui/money/account.py" line="-15" />
        <source>Account lines</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/money/account.py" line="+1" />
        <source>&amp;Sell a pack…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Export &amp;CSV…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Print / Save PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Invoice…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Purchases, credits, refunds and payments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/account_pdf.py" line="-53" />
        <location filename="../app/ui/money/account.py" line="+50" />
        <source>Account of {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/money/account.py" line="+2" />
        <source>{name} · paid by: {payer} · credits left: {n} · paid to date: {paid}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{name} · paid by: {payer} · owes {owed} class credit(s): sell a class pack to settle · paid to date: {paid}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+50" />
        <source>Export the account as CSV</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>CSV files (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Save the account as PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>Type part of a name…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Search</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Clients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source> — {n} credit(s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>&amp;Open account</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>Choose a client in the list first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/money/menu.py" line="+25" />
        <source>&amp;Accounts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Client &amp;account…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Sell a class pack…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Invoices for a period…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Record a plan manager's remittance…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Amounts &amp;owed…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Packs, credits, refunds and payments of one client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Sell a client a pack of class credits</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Every plan-managed participant's invoice for last month (or other days and clients), one PDF each</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>One transfer from a plan manager paying several participants' invoices, recorded against each</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Who still owes for sessions of a period, by how long ago, as a CSV</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/money/pack_dialog.py" line="+38" />
        <source>Card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Cash</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/methods.py" line="+12" />
        <source>card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>cash</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/ui/money/pack_dialog.py" line="+0" />
        <source>EFTPOS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>bank transfer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>cheque</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>voucher</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>other</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/money/pack_dialog.py" line="+0" />
        <source>Bank transfer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cheque</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Voucher</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Other</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>Sell a class pack</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Client:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Pack:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>10-class pack</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Credits:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Price:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>e.g. 150.00</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Paid by:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Expiry:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Sell</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Sell</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Credits expire after</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Credits expire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Expiry date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>The expiry date: {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/account.py" line="+74" />
        <location filename="../app/services/money/packs.py" line="-307" />
        <source>That client no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>NDIS plan</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location line="+2" />
        <source>Client pays</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+36" />
        <source>{note} ({method}), valid until {day}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{note} ({method})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{note}, valid until {day}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>ref. {reference}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>received {day}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Session #{session} ({facts}): {note}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Session #{session} ({facts})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>Session #{session}: {kind}, {amount} off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Session #{session}: {kind}, {amount} off — {note}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Session #{session}: {kind}, {amount} added</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Session #{session}: {kind}, {amount} added — {note}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+28" />
        <source>%n credit(s) of {packs} lapsed after {day}</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+55" />
        <location filename="../app/services/money/account_pdf.py" line="+92" />
        <source>{name}'s account was saved to {path}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/insurance.py" line="-99" />
        <source>Say who the session was billed to: choose the insurer or funder, or type its name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Type the claim number the insurer or funder gave the claim.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Claim {number} to {funder} is already recorded, on session #{twin}; check the number.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>The billing date ({day}) is in the future; enter the day the claim was sent.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>The moment billed must fall on the billing date and not be in the future.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+34" />
        <location filename="../app/services/money/payments.py" line="-253" />
        <source>That client is not booked in this session; choose one of the session's clients.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>The amount billed must be more than {zero}; type the claim's amount.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+51" />
        <source>Billed to {funder}: claim {claim}, {amount}. This session can no longer be deleted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/credits.py" line="+55" />
        <source>no valid bucket</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/packs.py" line="-6" />
        <source>Choose the client from the list.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>Choose how the client paid: {methods}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>Name the pack, for example “10-class pack”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>A pack holds between {min_credits} and {max_credits} credits.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>The expiry date {expires_on} is in the past; choose a later date, or none for credits that never expire.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>{display_name} is inactive; reactivate them first.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+43" />
        <source>{name} bought “{pack}”: %n credit(s) for {price} ({method}).</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>{name} bought “{pack}”: %n credit(s) for {price} ({method}), valid until {day}.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+32" />
        <source>{name}'s place is already paid with a class credit, so there is nothing more to pay for it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>{name}'s place is already paid as a single-class purchase, so there is nothing more to pay for it.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+41" />
        <source>{name} has no class credits left for {day} (%n expire before that day). Sell a class pack first, or book the class as a purchase or on invoice.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+8" />
        <source>{name} has no class credits left for {day}. Sell a class pack first, or book the class as a purchase or on invoice.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+33" />
        <source>{name}'s place is paid with a class credit from a pack that expires on {expires}, so it can't pay for the class on {day}. Keep the class on or before {expires}, or cancel {name}'s place and book {name} on the new day paid another way (or with a new pack).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+93" />
        <source>{count} credit(s) held today expire before that day.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-187" />
        <source>{name}'s booking is {value}; only a booked place can be paid for.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>This session has started; pay for it through payment entry instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+142" />
        <source>A payment is chosen for a client who is not booked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>{name} has {have} class credit(s) valid on {max} and this books {count} class(es). Sell a class pack first, or choose another way to pay.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/payments.py" line="-22" />
        <source>The {what}: {exc}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+63" />
        <source>The date received ({day}) is in the future; enter the day the money actually came in.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-27" />
        <source>The {what} must be more than {zero}; type the amount received, for example 95.00.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-109" />
        <source>Write-off of {amount} recorded for {name}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Discount of {amount} recorded for {name}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Correction of {amount} recorded for {name}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+108" />
        <source>The {what} must be more than {zero}; type the amount to take off without a minus sign, for example 10.00.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+38" />
        <source>{amount} is more than the {owed} still owed for this session. Record {amount} anyway?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+41" />
        <source>Payment of {amount} ({method}) recorded for {name}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>A correction of {zero} changes nothing; type the amount to add (or, with a minus sign, to take off).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Say why the adjustment is made; the note is kept with it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+118" />
        <source>Say why the {what} is being removed; the reason is kept in the audit log.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The reason is limited to {reason_max} characters; shorten it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>That {what} no longer exists; it may have been removed at another desk.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>The {what} of {amount} was removed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/models/money.py" line="+20" />
        <source>Enter an amount, for example 193.99 or {example}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>“{text}” is not an amount of money; type it for example 193.99 or {example}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>“{text}” has more than two digits after the decimal point; type it for example 193.99 or {example}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>“{text}” is too large to be an amount of money.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>“{text}” could be read two ways; type {whole} for that many whole units, or cents with two digits after the comma, such as {decimal}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+135" />
        <source>“{percent}” is not a percentage.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/money/refunds.py" line="+174" />
        <source>{name}'s returned class credit has since paid for {paid_for}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{name}'s returned class credit has since been spent.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>move</name>
    <message>
        <location filename="../app/ui/sessions/move.py" line="+72" />
        <source>Reschedule session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Now: {when} with {worker}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>{worker} cancelled it, so the times below are with others.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Suggested times</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Suggested:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>No free time in the next 14 days; type one below.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>New start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>New start:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Worker:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Conflicts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Reschedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+65" />
        <source>{worker} cancelled this very slot.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Warning — </source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+41" />
        <source>Assign replacement worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>No worker has the skill, is free and is rostered on in this slot. Show all workers to see what each lacks, or reschedule instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Workers for this slot</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Show all workers ({n} more)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Show all workers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Assign</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Everyone, best first; the greyed ones say what they lack:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Has the skill, is free for the whole slot and rostered on:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+37" />
        <source>Choose a worker from the list.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Assign anyway?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{name}: {why}.

Assign {name} to this slot anyway?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/worker_followup.py" line="+28" />
        <source>The worker cancelled — what next?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>{n} worker(s) are free in this slot.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>The other {n} session(s) of the series stay cancelled: a replacement or a new time chosen here is for this session only. Replace the worker or reschedule each of the others from its own menu.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Assign &amp;replacement worker…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Re&amp;schedule…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Leave cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/move_opener.py" line="+78" />
        <source>Session moved</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>note</name>
    <message>
        <location filename="../app/ui/records/note_dialog.py" line="+61" />
        <source>New note: nobody has written this session's note yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Finalized by {who} on {when} (written by {author}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Draft by {author}, last saved {when}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <location line="+30" />
        <source>Clinical note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>What happened in the session, the plan, …</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>&amp;Save draft</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Finalize…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>The note as saved at another desk (your text is above):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Your text, not saved (copy what you need):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>{n} of {max} characters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>the clinical note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Discard the text you typed?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>It was not saved, and this note can no longer be changed. Cancel goes back to it so you can copy what you need; Discard throws it away.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <location line="+2" />
        <source>Finalize note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-1" />
        <source>Finalize this note? It can't be changed afterwards.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Keep editing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The note is saved as it stands and becomes part of the clinical record.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>A session with a finalized note can't be permanently deleted.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>notes</name>
    <message>
        <location filename="../app/services/records/notes.py" line="-43" />
        <source>This note was finalized by {by} and is part of the clinical record: it can no longer be changed. Anything to add belongs in the next session's note.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>This note was finalized by {by} on {when} and is part of the clinical record: it can no longer be changed. Anything to add belongs in the next session's note.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>This note was written by {name}; only they or a manager may change or finalize it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+35" />
        <source>The note is empty; write what happened in the session.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+33" />
        <source>The note was saved as a draft.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The note was saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The note was finalized; it can no longer be changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>This session's note was written, changed or finalized at another desk since you opened it, so nothing was saved. Read the note as it is now before you save your text.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>notice</name>
    <message>
        <location filename="../app/models/rules.py" line="+47" />
        <source>Worker and practice cancellations are never charged.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>This reason carries no charge.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>This service does not allow cancellation charges.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The freed place was filled, so no charge applies.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>This reason has no notice threshold, so no charge applies.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The charge works out to {zero}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/models/notice_text.py" line="+39" />
        <source>short notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>enough notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/models/rules.py" line="+20" />
        <source>A notice threshold cannot be negative.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>A percentage charge must be between 0 and 100.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>A fixed cancellation fee cannot be negative.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/models/practice_calendar.py" line="+39" />
        <source>“{zone}” is not a time zone; use a name like Australia/Sydney.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+36" />
        <source>There is no public-holiday calendar for “{region}”; use codes like AU and NSW.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/models/rules.py" line="+25" />
        <location line="+229" />
        <source>A session price cannot be negative.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/models/practice_calendar.py" line="+19" />
        <source>The session start must include a time zone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The advised-at time must include a time zone.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../app/models/notice_text.py" line="+5" />
        <source>%n day(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n hour(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n minute(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>%n clear business day(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+52" />
        <source>day of notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>session day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>{role}, </source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location line="+17" />
        <location line="+8" />
        <source>weekend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-23" />
        <source>public holiday: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>business day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-14" />
        <source>day of notice and session day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>{name} is a public holiday</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>{first} to {last}, skipping weekends and {holidays}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{first} to {last}, skipping weekends</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-78" />
        <location filename="../app/models/rules.py" line="+2" />
        <source>no notice threshold</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/models/rules.py" line="-151" />
        <location line="+30" />
        <source>advised {when}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-27" />
        <source>{lead}; {notice} before {start} → {threshold}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>{lead}, after the session start {start} → no notice → short notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>{lead}; {notice} before {start} (threshold {threshold}) → {verdict}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source>{lead}; session {start} is at or after {deadline} ({threshold} later) → {verdict}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>{lead}; clear business days before {start}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/models/notice_text.py" line="+87" />
        <source>none (same day)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/models/rules.py" line="+12" />
        <source>{lead}: {days} → {count} (need {need}) → {verdict}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>Enough notice was given (at least {threshold} on the practice clock).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Enough notice was given ({given}; the threshold is {threshold}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>fixed fee {fee}, capped at the session price = {charge}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>fixed fee {fee}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>{working} → no charge: {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>{working} → no charge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>did not attend → no notice → short notice</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>notify</name>
    <message>
        <location filename="../app/services/outbox/notify.py" line="-345" />
        <source>cancellation notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>cancellation notice (practitioner unavailable)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>cancellation notice (practice closure)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>“your booking is back” notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>did-not-attend notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>new time notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>closure notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>“cancellation fee withdrawn” notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>invoice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+104" />
        <source>no consent to be contacted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>no email address on file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-18" />
        <source>Email {summary} to {name}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>offers</name>
    <message numerus="yes">
        <location filename="../app/services/sms/offer_round.py" line="+137" />
        <source>%n texted offer(s) of this place closed: a text tells the client(s) it was offered to that it has been taken.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>%n of them can no longer be texted (no mobile number or no consent); tell them yourself.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+54" />
        <source>%n waitlist offer(s) of this session named its old service and closed; the place is offered again as the new service.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>%n waitlist offer(s) of this session named its old time and closed; the place is offered again at the new time.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>A text tells the %n client(s) already texted that the offer no longer stands.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location filename="../app/services/sms/offers.py" line="+253" />
        <source>The offer this reply answers no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>The session of this offer no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>The place had already been taken; the client was told.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>The session's service was changed after this offer was texted, and the client was told the offer no longer stands; nothing was booked. Ring them if they want the place as the new service.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The session was moved after this offer was texted, and the client was told the offer no longer stands; nothing was booked. Ring them if they want the new time.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>The client booked this place from the offer, and that booking has been cancelled since; read their reply and book them again yourself if they still want the place.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The client had already booked this place from the offer; nothing more was done.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <location filename="../app/ui/ops.py" line="+53" />
        <source>{failed} If it keeps happening, tell the practice's administrator; the details are in the log (Help ▸ Open log folder).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>That could not be finished. Try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+99" />
        <source>Not finished</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-5" />
        <source>Not possible</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>outbox</name>
    <message>
        <location filename="../app/ui/outbox/badge.py" line="+29" />
        <source>Outbox alerts</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+11" />
        <source>⚠ Outbox: %n</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n message(s) failed</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n manual to-do(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+1" />
        <source>Click to open the outbox.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Outbox not checked: {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/outbox/panel.py" line="+102" />
        <location line="+2" />
        <source>Outbox and alerts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>&amp;Settings…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Outbox and alerts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Tools</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+96" />
        <source>Retry</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <location line="+148" />
        <source>Tick done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-121" />
        <location line="+85" />
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+33" />
        <source>Tick the to-do done?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Mark this to-do as done by hand? Do it only after you have made the change in the other system yourself.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>It leaves the Manual to-dos list for good and moves to Done, with your name and the time. It cannot be ticked back.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>The test could not be run. Check the settings on this page and try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/outbox/view.py" line="+37" />
        <source>Failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Manual to-dos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Pending</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Skipped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Withdrawn</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Expired</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Sent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Sending gave up on these. Fix the cause (see the error), then Retry.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Manual update required: make each change in the other system yourself, then tick it done. Who ticked it and when is recorded.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Waiting to be sent; retried automatically with increasing pauses.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Not sent on purpose; the reason is shown for each.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Not sent: no longer true before they went (the cancellation was undone, the client was booked again, the session moved or was deleted, the client withdrew consent). Why is shown for each.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Not sent: the session had started before the message could go.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Delivered messages, newest first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Manual to-dos that were ticked done, and by whom.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Retry</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Tick done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>sending now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+136" />
        <source>Outbox lists</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/outbox/waiting.py" line="+17" />
        <source>1 client message waiting: e-mail is not set up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{n} client messages waiting: e-mail is not set up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Messages waiting for e-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Set up e-&amp;mail…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Set up e-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>An administrator enters the mail server in Tools ▸ Settings.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>They are kept in the outbox and go out once the mail server is entered.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/email.py" line="+83" />
        <source>The client has no email address.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/smtp_problems.py" line="+50" />
        <source>Port {port} uses STARTTLS, not SSL: choose STARTTLS, or use port 465 for SSL.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The mail server {host} does not use SSL on port {port}: choose STARTTLS, or ask your e-mail provider which port uses SSL (usually 465).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Port 465 uses SSL, not STARTTLS: choose SSL, or use port 587 for STARTTLS.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Port 465 uses SSL: choose SSL, or use port 587 with STARTTLS.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The mail server {host} does not offer STARTTLS on port {port}: use port 587 for STARTTLS, or choose SSL with port 465.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The mail server {host} does not take a user name and password on port {port} with this security: choose STARTTLS with port 587 or SSL with port 465, or leave the user name empty if the server needs none.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>The mail server's security certificate is not made out to {host}. Type the server's name exactly as your e-mail provider gives it, like smtp.office365.com.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>The mail server {host} showed a security certificate this computer does not trust (expired or home-made). Check the server's name with your e-mail provider.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>The mail server {host} could not be looked up: check that this computer is connected to the internet, then try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>The mail server {host} could not be found. Check the spelling of the server name (your e-mail provider gives it, like smtp.office365.com) and that this computer is connected to the internet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>The secure connection to {where} failed. Check that Security fits the port: STARTTLS on 587, SSL on 465.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The mail server {host} refused a connection on port {port}. Check the port: usually 587 for STARTTLS or 465 for SSL.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The mail server {where} could not be reached: check that this computer is connected to the internet, then try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The mail server {where} did not answer within {timeout:g} seconds. Check the server name and the port (usually 587 for STARTTLS or 465 for SSL), and that this computer is connected to the internet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The mail server {where} closed the connection. Check that Security fits the port (STARTTLS on 587, SSL on 465); if it does, try again later.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The mail server {where} refused the user name or password. Check both in Tools ▸ Settings ▸ Email; some providers (Gmail, Microsoft 365) want an app password here, not the usual one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>The mail server refused the address ({reason}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+27" />
        <source>Could not send through {where}. Check the settings in Tools ▸ Settings ▸ Email; if they are right, tell the practice's administrator (the details are in the log).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-18" />
        <source>The mail server {where} answered {answer}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/email.py" line="+87" />
        <source>Enter the address the test email should go to.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>A test email was sent to {to} through {where}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/review.py" line="+31" />
        <source>reminder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>waitlist offer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>place taken</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>offer withdrawn: session moved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>test message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Text: {topic}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Email: {topic}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Calendar: {subject}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Integration: {event}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>unknown error</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Gave up after {n} attempt(s): {error}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Will retry: {error}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+13" />
        <source>Sent in one e-mail together with %n other(s).</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+4" />
        <source>Goes in one e-mail with the client's other sessions of the bulk cancellation still waiting.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Goes in one e-mail with the other sessions of the series still waiting.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+58" />
        <source>Email is not set up: {n} client message(s) wait in the outbox. An administrator can enter the mail server in Tools ▸ Settings ▸ Email.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Text messages are not set up: {n} text(s) wait in the outbox. An administrator can enter the SMS gateway in Tools ▸ SMS gateway…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The webhook has no address: integration messages wait in the outbox. An administrator can enter it in Tools ▸ Settings ▸ Integration.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+34" />
        <source>That outbox message no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>This message is {value}; only a failed or waiting message can be retried.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>This message is being sent right now; wait a moment and look again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Not sent again: {why} It is in the Withdrawn list now; if the client still needs telling, phone them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>The message will be sent again shortly.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>The e-mail will be sent again shortly, with the %n other session(s) of the bulk cancellation it lists.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>The e-mail will be sent again shortly, with the %n other session(s) of the series it lists.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+32" />
        <source>Not sent again: the session started on {when}, so this message would no longer help the client. It is in the Expired list now; if the client still needs telling, phone them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>This to-do was already ticked done by {value} on {when}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Only a manual to-do can be ticked done.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Ticked done.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/settings.py" line="+85" />
        <source>{what} must be between {low} and {high}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+43" />
        <source>The wait before client messages go must be 0 to {max_grace_minutes} minutes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-12" />
        <source>Enter the mail server's name, like smtp.example.com.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-66" />
        <source>mail server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>port and security</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>user name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>from address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>cancellation reason in e-mails</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>fee in cancellation e-mails</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>wait before client messages go</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/integration_settings.py" line="-11" />
        <location filename="../app/services/outbox/settings.py" line="+1" />
        <source>timeout</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/services/outbox/settings.py" line="+1" />
        <source>tries before giving up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/settings.py" line="+2" />
        <source>password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/integration_settings.py" line="-4" />
        <source>other system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>other system's name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>webhook address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>signing secret</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/settings.py" line="+37" />
        <source>Enter only the mail server's name, like smtp.example.com, without https://, an e-mail address or anything after a /.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Enter the port in the Port box, not after the server's name: {name} as the mail server and {port} as the port.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>Choose how the connection is secured: none, STARTTLS or SSL.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Enter the address emails come from, like reception@yourpractice.com.au.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The password would travel unencrypted: choose STARTTLS or SSL, or leave the user name empty.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/integration_settings.py" line="+35" />
        <source>Name the other system (up to 60 characters), e.g. PracticeHub.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Enter the webhook address, starting with https://.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Use an https:// address so client details travel encrypted (plain http is only allowed to this computer).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>The signing secret needs at least {min_secret} characters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Enter or generate a signing secret for the webhook.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/settings.py" line="+55" />
        <source>Another desk changed the {names} while the e-mail settings were open here, so nothing was saved. The form now shows that desk's {names}, and keeps your other changes; make your change again and save.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+31" />
        <source>This computer has no password keyring, so the mail password is kept in the practice database, encrypted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+49" />
        <source>Email settings saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Email is off; messages wait in the outbox.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/integration_settings.py" line="+55" />
        <source>Another desk changed the {names} while the integration settings were open here, so nothing was saved. The form now shows that desk's {names}, and keeps your other changes; make your change again and save.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+47" />
        <source>Integration saved: {kind}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/settings.py" line="+16" />
        <source>Enter the mail server first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/templates.py" line="-94" />
        <source>The email template {name} is missing from {folder}; reinstall FrontDesk.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+43" />
        <source>There is no email template for “{topic}”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/webhook.py" line="+187" />
        <source>{host} answered HTTP {code} {reason}; it will be retried.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>{host} answered HTTP {status}; it will be retried.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>{host} did not answer in {timeout:g} s.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Could not reach {host} ({reason}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>{host} accepted the signed test event.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/withdrawal.py" line="+21" />
        <source>The client was booked again before this message went; the new booking is sent instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The session was moved before this message went; the new time is sent instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The session's service was changed before this message went.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The cancellation was undone before this message went.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The session was deleted before this message went.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The booking was cancelled before this message went.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The did-not-attend mark was taken back before this message went.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The client withdrew consent or their email address before it was sent.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The client withdrew consent to be contacted before it was sent.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The client opted out of texts (replied STOP) before it was sent.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The client's mobile number was changed or removed before it was sent.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/sender.py" line="+36" />
        <source>A newer change of this session's calendar event was queued; that one is sent instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+237" />
        <source>Unexpected error: {error}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/adapter.py" line="+19" />
        <source>Text messages are not set up; enter the SMS gateway in Tools ▸ SMS gateway…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The client has no mobile number to text.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The message has no text.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/reminder_withdrawal.py" line="+22" />
        <source>The booking was cancelled or removed before the reminder went.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The session was moved before the reminder went; the new time is reminded instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The reminder rule was changed or removed before the reminder went.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/adapters.py" line="+81" />
        <source>No other system is set up any more; nothing to update.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>No webhook address is set; enter it in Tools ▸ Settings ▸ Integration.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+55" />
        <source>Email is not set up; enter the mail server in Settings.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/caldav.py" line="+82" />
        <source>The calendar server {host} would not make the calendar {calendar} (HTTP {status}); it will be retried.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>The calendar server {host} would not store the event (HTTP {status}); it will be retried.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The calendar server {host} would not remove the event (HTTP {status}); it will be retried.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+79" />
        <source>The calendar server {host} refused the user name or password (HTTP {status}). Check them in Practice → Calendar feed; it will be retried.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>The calendar server {host} did not answer in {timeout:g} s.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Could not reach the calendar server {host} ({reason}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>The calendar feed is off; turn it on in Practice → Calendar feed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>The calendar server {host} took a test event in {worker}'s calendar ({calendar}) and removed it again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/dto.py" line="+121" />
        <source>Outbox: nothing due to send; {expired} expired (session started).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Outbox: nothing due to send.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{count} sent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{count} to retry later</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{count} failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{count} skipped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{count} moved to the manual to-do list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>{count} expired (session started)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Outbox: {parts}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/notify.py" line="-61" />
        <source>Cancel {when} {what} for {who} in {system}, then tick it done here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Restore {when} {what} for {who} in {system} (the cancellation was undone), then tick it done here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Move {what} for {who} to {when} in {system}, then tick it done here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Mark {when} {what} as attended by {who} in {system}, then tick it done here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Mark {who} as did-not-attend for {when} {what} in {system}, then tick it done here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Take back the did-not-attend mark of {who} for {when} {what} in {system} (it was entered by mistake), then tick it done here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Delete {when} {what} for {who} in {system}, then tick it done here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+64" />
        <source>No other system to update.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location filename="../app/services/sessions/deletion.py" line="+285" />
        <source>the practice system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{name} is updated automatically.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Manual update required: also make this change in {name} yourself; it stays on the to-do list until you tick it done.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+230" />
        <source>{service} with {worker}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>no client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{names} and {more} more</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>{names} and {last}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/truth.py" line="+57" />
        <source>Not sent: the session was on {when}, a day or more ago, so the did-not-attend e-mail would no longer help the client.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Not sent: the session started ({when}) before the message could go.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>owed</name>
    <message>
        <location filename="../app/services/money/owed_report.py" line="+34" />
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Invoice to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Owed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Up to 30 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>31–60 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>61–90 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Over 90 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Oldest session owed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Sessions owed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+39" />
        <source>{n} client(s) owe {total} for sessions from {first} to {last}; {old} of it for sessions over 90 days ago.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+86" />
        <source>Nobody owes anything for sessions from {first} to {last}: every session that costs a client is paid. Choose other days to check.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Total</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/money/owed_dialog.py" line="+50" />
        <source>Amounts owed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>From date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>To date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>S&amp;how list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Save CSV…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>&amp;From</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;To</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Each client who still owes for sessions of these days — delivered, or a late cancellation's or no-show's charge, less what was paid and adjusted — with how much of it is up to 30 days old, 31–60, 61–90 and over 90, most owed first. Double-click a client to open their account.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Clients who owe</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Open &amp;account</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+125" />
        <source>Invoice to: {to}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-93" />
        <source>CSV files (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <location line="+18" />
        <source>Working out…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>payment</name>
    <message>
        <location filename="../app/ui/money/payment_dialog.py" line="+32" />
        <source>Payment received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Write-off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Discount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Correction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Cash</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>EFTPOS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Bank transfer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cheque</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Other</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+45" />
        <location line="+94" />
        <source>Take payment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-80" />
        <source>What</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Write-offs, discounts and corrections are posted by a manager.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Amount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+2" />
        <source>Date received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Reference</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Receipt or transaction no.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <location line="+51" />
        <source>Optional</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-49" />
        <source>A correction adds the amount to what the client owes; type a minus sign (e.g. -5.00) to take it off.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+49" />
        <source>Why (required)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Record payment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>&amp;Record adjustment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Post an adjustment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>No client is booked in this session; book the client first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>More than is owed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Record anyway</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Go back and correct it</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>printing</name>
    <message numerus="yes">
        <location filename="../app/ui/printing/day_sheet_dialog.py" line="+43" />
        <source>%n session(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n worker(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+1" />
        <source>{sessions} for {workers}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Day sheet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>All workers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Include &amp;cancelled sessions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Cancelled sessions are listed greyed, so the desk knows who rang.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Print…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Save PD&amp;F…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Save C&amp;SV…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+38" />
        <source>Laying out the day sheet…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Day sheet {day}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Save the day sheet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Writing the day sheet…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/printing/menu.py" line="+19" />
        <source>Print &amp;day sheet…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Each worker's sessions of the day shown, to print.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/printing/preview.py" line="+113" />
        <source>Sending the pages to the printer…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Stop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Print preview — {title}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source> (the first {shown} of {pages} pages shown; all are printed)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>range</name>
    <message>
        <location filename="../app/ui/schedule/range.py" line="+52" />
        <source>{a} – {b}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <location filename="../app/models/rules.py" line="+19" />
        <source>Worker unwell</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Worker unavailable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Practice closure</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Weather/emergency</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Health</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Family</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Transport</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+14" />
        <source>Other</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-10" />
        <location line="+12" />
        <source>Did not attend (no-show)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-4" />
        <source>Late cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Illness</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <location filename="../app/ui/start/login.py" line="+40" />
        <source>The practice database is damaged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The latest good backup was taken on {when}. Restoring it replaces the damaged file, which is kept aside for your IT support.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Anything entered after {when} is not in that backup: it stays only in the damaged file kept aside, for your IT support to recover.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>&amp;Restore latest backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Restore latest backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>There is no backup to restore. Call your IT support; do not delete the damaged file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>recurrence</name>
    <message>
        <location filename="../app/services/setup/recurrence.py" line="+42" />
        <source>Repeat every 1, 2, 3 or 4 weeks.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Say when the repeats end: either an end date or a number of sessions.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>A series has between 2 and {n} sessions.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The end date must be after the first session.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>A series can run for two years at most.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>{when} does not exist on the practice clock (the clocks go forward); that session is at {landed}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>The start time must include a time zone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>That makes more than {n} sessions; choose an earlier end date.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>refusals</name>
    <message>
        <location filename="../app/ui/start/refusals.py" line="+35" />
        <source>“{name}” is not available now.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>reminders</name>
    <message numerus="yes">
        <location filename="../app/services/sms/reminder_rules.py" line="+98" />
        <source>%n hour(s) before</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+2" />
        <source>the same day at {time}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n day(s) before at {time}</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+65" />
        <source>The text has a lone {{ or }}; placeholders are written like {example}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>The text writes {written}; write {meant} instead, exactly so (no format or other additions): the reminder fills it in the practice's own way.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+53" />
        <source>Enter a whole number.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+52" />
        <source>Give the rule a name, like “Day before”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The name is {count} characters long; the limit is {limit}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+101" />
        <source>Reminder rule “{name}” saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Reminder rule deleted; its unsent reminders were withdrawn.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-141" />
        <source>Choose SMS or e-mail.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+45" />
        <source>Hours before must be between 1 and {most}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Days before must be between 0 and {most}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-48" />
        <source>Write the text the client receives.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-47" />
        <source>The text is {count} characters long; the limit is {limit}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-176" />
        <source>Hi {first_name}, a reminder of your {service} with {worker} on {date} at {time}. {how_to_cancel}; {deadline}. {practice}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Dear {first_name},

This is a reminder of your {service} appointment with {worker} on {date} at {time}.

{how_to_cancel}; {deadline}.

Kind regards,
{practice}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>That service no longer exists; choose another.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>That worker no longer exists; choose another.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>That location no longer exists; choose another.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+132" />
        <source>The text names {name}, which is not a placeholder; use one of {known}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+135" />
        <source>Enter the time like 09:00 or 17:30.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>That reminder rule was deleted meanwhile; add it again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/deadline.py" line="+129" />
        <source>the end of {day}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>to avoid a fee, cancel by {when}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>to avoid a fee, cancel before {when}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/reminder_text.py" line="+48" />
        <source>a cancellation now may be charged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Reply C to cancel, Y to confirm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>To cancel, call us on {phone}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>To cancel, reply to this e-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+33" />
        <source>there</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>remittance</name>
    <message>
        <location filename="../app/services/money/remittance.py" line="+3" />
        <source>Choose the plan manager the remittance is from.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>A remittance with the reference {reference} was already recorded against invoice {number} (received {day}): check it is not the same advice entered twice. If it is another, type its reference as the advice gives it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>No invoice from {first} to {last} of a participant whose record names {manager} as their plan manager has anything due: they are paid in full, or nothing of those days is theirs to pay. Choose the days the invoices the remittance pays were made for.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+31" />
        <source>Type each amount as money, e.g. 95.00.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>An amount paid against an invoice cannot be below zero; leave it empty for an invoice the remittance does not pay.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Type what the remittance paid against at least one invoice (Pay each in full fills in every amount due).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>The invoices of the participants of {manager} changed since they were shown (one was paid, or a participant's plan manager changed): show the invoices again, then record the remittance.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Recorded {total} from {manager} against {n} invoice(s); {due} is still due on them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/money/remittance_dialog.py" line="+53" />
        <source>Record a plan manager's remittance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>From date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>To date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Plan manager</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>S&amp;how invoices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Plan manager:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Invoices of:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Invoices with something due</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Invoice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Participant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Due</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Paid by this remittance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Pay each in &amp;full</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Date received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Reference</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The remittance advice's number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Record remittance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Method:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Date received:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>R&amp;eference:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>No client's record names a plan manager yet: add one in a plan-managed participant's form (Clients, Edit…, Plan manager), then record their remittance.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+40" />
        <source>Reading the invoices…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+48" />
        <source>What is due on these invoices changed meanwhile (a payment here or at another desk): the list shows it as it is now.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>{n} invoice(s) with something due of participants of {manager}. Type what the remittance paid against each, or Pay each in full.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>Paid against {number}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>{number}: {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Total: check the amounts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Total: {total}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+27" />
        <source>Recording…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>replies</name>
    <message>
        <location filename="../app/ui/sms/replies_panel.py" line="+52" />
        <source>Needs you</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cancelled by text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Confirmed by text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Booked from an offer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Opted out of texts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Texts back on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Text replies the desk could not act on by itself, then the last week's automatic changes. Open the booking, cancel it with the cancel wizard (the reply's time is the notice), mark the reply handled, or undo what a reply did by itself.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+39" />
        <source>Received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <location line="+156" />
        <location line="+2" />
        <source>Text replies</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-145" />
        <source>&amp;Open booking</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Cancel booking…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Mark handled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Undo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Chosen reply</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+72" />
        <source>{who}, {when}: {body}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>Text replies waiting</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+9" />
        <source>✉ Replies: %n</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n text reply(s) need a person. Click to open them.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+31" />
        <source>Text &amp;replies…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+80" />
        <source>Cancelling is not available on this desk.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>Undo the cancellation?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Book {who} back into the session they cancelled by text?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Undo cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Keep it cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The charges the cancellation made are removed, and the other system is told.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Take back the confirmation?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Take back {who}'s confirmation by text?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Take back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Keep it confirmed</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>report</name>
    <message>
        <location filename="../app/services/reports/charts.py" line="+42" />
        <source>Nothing to show for this period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Other ({count})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/formatting.py" line="-191" />
        <source>{minutes} min</source>
        <comment>notice</comment>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{hours} h</source>
        <comment>notice</comment>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{days} d {hours} h</source>
        <comment>notice</comment>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{days} d</source>
        <comment>notice</comment>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+115" />
        <source>1 cancellation later undone is not shown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{n} cancellations later undone are not shown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/pdf_base.py" line="+162" />
        <source>Page {number} of {total}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/pdf_cancellations.py" line="+35" />
        <location filename="../app/services/reports/pdf_summary.py" line="+23" />
        <source>Cancellation report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>{count} rows: {cancellations} cancellations and {no_shows} no-shows counted, charges {amount}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>; {undone} undone (greyed, not counted)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Detail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+56" />
        <source>Laying out the summary and the detail table…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Writing the pages…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/pdf_detail.py" line="+60" />
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/services/reports/pdf_summary.py" line="+190" />
        <location filename="../app/services/reports/summary.py" line="+24" />
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/services/reports/pdf_summary.py" line="-38" />
        <location filename="../app/services/reports/summary.py" line="+1" />
        <source>Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>By</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Advised</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/services/reports/pdf_summary.py" line="-2" />
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Charge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>SD</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/services/reports/pdf_summary.py" line="-106" />
        <source>Undone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>No-show</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>waived</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+73" />
        <source>Yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+92" />
        <source>No cancellations or no-shows in this period.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>* Charged to the client: their funder (such as Medicare, DVA or WorkCover) does not pay late-cancellation or no-show fees, or their NDIS plan cannot be claimed for it (†).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>† Not claimable: the charge is filed under the practice's own service code, not an NDIS support item number, so the NDIS claim file leaves it out and the client pays it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/pdf_summary.py" line="-42" />
        <source>{period_text} · sessions starting in the period</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+22" />
        <source>of %n booking(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+2" />
        <source>not counted, listed greyed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>not counted, not listed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <location line="+55" />
        <location line="+10" />
        <location line="+95" />
        <source>Cancellations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-160" />
        <source>{late_cancellations} at short notice by clients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+64" />
        <location filename="../app/services/reports/summary.py" line="+3" />
        <source>Did not attend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-63" />
        <source>Late-cancellation rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Did-not-attend rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+92" />
        <source>Charges</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-92" />
        <source>cancellation and no-show charges</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Waived</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+0" />
        <source>%n charge(s) waived</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+2" />
        <source>Refunds</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n refund(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n credit(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+2" />
        <source>cancellations undone: {undone}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+36" />
        <source>By reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>By worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Notice given (cancellations)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Weekly trend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>Count</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Share</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>None in this period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Cancelled by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Notice given</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Breakdown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>Clients with {count} or more cancellations or no-shows in the {weeks} weeks up to the end of the period (or today, if sooner). Worker and practice cancellations and undone cancellations are not counted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>No-shows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Total</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Most recent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>No client reaches the threshold.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Clients who cancel often</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/formatting.py" line="-71" />
        <source>Generated {moment_text} by {generated_by}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/summary.py" line="-10" />
        <source>Under 24 h</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>1–2 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>2–7 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>7 days +</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Practice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/pdf_audit.py" line="+35" />
        <source>from {day}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>up to {day}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>all dates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>User: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Action: {action}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Record type: {entity}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Record or session: {id}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Audit log</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+22" />
        <source>%n event(s), newest first</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>(only the newest %n shown; narrow the filters for the rest)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location filename="../app/services/reports/options.py" line="+144" />
        <source>Worker: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Service: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Reason: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Cancelled by: {who}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Client: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>All workers, services, reasons and clients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Undone cancellations listed (not counted)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/query.py" line="+242" />
        <source>Waived: {why}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>reports</name>
    <message numerus="yes">
        <location filename="../app/ui/reports/cancellation_dialog.py" line="+64" />
        <source>%n cancellation(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n no-show(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+1" />
        <source>{cancellations}, {no_shows}, charges {money}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>1 cancellation later undone is not shown.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n cancellations later undone are not shown.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+17" />
        <source>Cancellation report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+27" />
        <source>From date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>To date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>All workers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>All services</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>All reasons</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Cancelled by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Anyone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>All clients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;From</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;To</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cancelled &amp;by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>C&amp;lient</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>I&amp;nclude undone cancellations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>List cancellations later undone, greyed; they are never counted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Save &amp;PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Save &amp;CSV…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Pr&amp;int…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The report as its PDF prints, in a preview.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+45" />
        <source>Save the cancellation report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <location line="+19" />
        <source>Building the report…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Cancellation report {period}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/reports/common.py" line="+64" />
        <source>Saved the PDF ({n} pages) to {path}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Saved the CSV ({n} events) to {path}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Saved the CSV ({n} rows) to {path}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+37" />
        <source>The file could not be saved. Choose another folder, then try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>“{name}” could not be replaced: it is open in another program, or it is read-only. Close the file in the other program (or save under another name), then try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>FrontDesk may not save files in the folder {folder}. Choose another folder, such as your Documents folder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The folder {folder} is on a drive that cannot be written to. Choose another folder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>There is not enough room on the disk to save “{name}”. Free some space, or choose a folder on another drive.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The file name is too long. Save again with a shorter name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The folder {folder} is no longer there. Choose another folder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>“{name}” could not be saved. Choose another folder, then try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+52" />
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Open file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Open folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+117" />
        <source>Print preview: {pages} pages.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+31" />
        <source>The export could not be finished. Try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/reports/menu.py" line="+35" />
        <source>&amp;Cancellation report…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Audit log…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Extract SDs for claiming…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Export schedule (&amp;iCalendar)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>&amp;Reports</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/boundary.py" line="-119" />
        <location filename="../app/services/reports/audit_log.py" line="-60" />
        <location filename="../app/ui/reports/common.py" line="-86" />
        <source>The end date is before the start date; choose a later end date.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/extraction.py" line="-23" />
        <source>There is no extraction batch {batch_id}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/model.py" line="+19" />
        <source>Say yes or no to listing undone cancellations.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/reports/options.py" line="-89" />
        <source>No {what} matches “{typed}”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>“{typed}” matches several {what}s ({names}); be more exact.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+54" />
        <source>No reason matches “{code}”. The reasons are: {join}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/boundary.py" line="+4" />
        <source>Choose a period of at most three years.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>review</name>
    <message>
        <location filename="../app/ui/sessions/review_html.py" line="-43" />
        <source> — invoice the plan manager ({claim})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source> — invoice the participant ({claim})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source> — charged to the client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source> — claim {type} {code}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>no charge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>counted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>not counted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>Series:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>also cancels 1 other session:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>also cancels {n} other sessions:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Clients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <location line="+48" />
        <source>Charge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-36" />
        <source>short notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>enough notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>not sent: {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>Notice given:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Working:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Charges</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Total:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Notifications</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>None</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Other system:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>waived</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>no other session of the series is cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Total for every session:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>schedule</name>
    <message>
        <location filename="../app/ui/schedule/frame.py" line="+199" />
        <source>1 session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <location filename="../app/ui/schedule/measure.py" line="+31" />
        <source>{n} sessions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{n} cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <location filename="../app/ui/schedule/text.py" line="+127" />
        <source>Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/schedule/style.py" line="+81" />
        <source>DNA</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/schedule/text.py" line="-95" />
        <source>{n}/{cap} clients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+80" />
        <source> (partly cancelled)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source> — started, not yet completed or marked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>When</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Location</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <location line="+15" />
        <source>Session #{id}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Worker: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Location: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Status: {status}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Clients:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/schedule/view.py" line="+68" />
        <source>Schedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>No workers yet. Add them in Practice ▸ Workers… (or from the Set up your practice checklist): each worker gets a row here, and the sessions you book show on it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/schedule/accessible_items.py" line="+45" />
        <source>with {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>Open the session in the details panel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Show the session's menu</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Select the session</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>session</name>
    <message>
        <location filename="../app/services/sessions/common.py" line="+47" />
        <location filename="../app/ui/format.py" line="+55" />
        <source>{service} with {worker}, {when}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>sessions</name>
    <message>
        <location filename="../app/services/sessions/attendance.py" line="-114" />
        <source>Completed: {clients} client(s) attended, {sds} SD(s) created.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+58" />
        <source>Choose which client did not attend.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>{display_name}'s booking is {value}, not booked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/schedule/details.py" line="+228" />
        <location filename="../app/services/sessions/common.py" line="-33" />
        <source>This session no longer exists; it may have been deleted at another desk.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/scheduling.py" line="-156" />
        <source>That worker no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>{worker} already has a session at {when}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>{client} is already booked at {when}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The slot is outside {worker}'s working hours.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+51" />
        <source>Choose a service.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The duration must be at least one minute.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>{count} clients do not fit a capacity of {capacity}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+71" />
        <source>Choose a new time in the future.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>This time clashes:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>This session is completed; it can't be moved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>This session has started; it can no longer be moved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The session is already at that time with {worker}; choose another time or worker.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>Cancel the session first (worker cancellation), then assign a replacement.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>This session's time has passed; reschedule it to a new time instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>This worker is not free:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>This session was already replaced by session #{id} ({when} with {worker}); its clients are booked there. Reschedule or change that session instead, so the clients are not booked twice.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+53" />
        <source>A new session was booked and linked to the cancelled one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>The session was moved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/undo.py" line="-238" />
        <source>The session on {when} was replaced by session #{id}, so it can't come back. Undo only this session, or cancel or delete the replacement first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>This session was replaced by session #{id}. Cancel or delete the replacement first, so the clients are not booked twice.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+89" />
        <source>The cancellation was undone; the session is rostered again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The cancellation was undone; {count} sessions of the series are rostered again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>This session has no cancellation to undo.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>This cancellation was already undone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>This cancellation can't be undone: its charges were already extracted for claiming. Correct the claim with the funder instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+74" />
        <source>The session on {when} is full again ({names} booked since). Undo only this session, or cancel or move a booking there first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The session on {when} has no free place left for the client to go back into. Undo only this session, or make a place there first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>This session has no free place to put the client back into: its capacity was lowered to {capacity}. Raise it (Edit session…) or cancel or move a booking first, then undo.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>This session is full again: {names} took the freed place. Cancel or move a booking first, then undo.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>This session is full again: {names} took the freed places. Cancel or move a booking first, then undo.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Say why the cancellation is being undone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The undo reason is limited to 255 characters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/deletion.py" line="-196" />
        <source>leave the session cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>leave the session as it is: it has already started, so no cancellation can apply</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>apply a cancellation instead</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Billed to insurance: claim {claim} to {insurer} on {day}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>A session ever billed to insurance can never be deleted. This is for good, even once the claim is paid or withdrawn: remove its charges through payment entry, and {instead}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Payment of {amount} ({method}) posted {day}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Remove the payment first, then delete.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Adjustment of {amount} ({kind}) posted {day}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Remove the adjustment first, then delete.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>A finalized clinical note (finalized {day}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>A session with a finalized note can't be deleted; {instead}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>SD #{id} ({kind}, {amount}) was extracted for claiming.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Extracted SDs can't be removed; {instead}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Part of bulk cancellation job #{job}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Undo that bulk job first, or leave the session cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>The session: {session}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>{count} booking(s): {names}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>{count} credit(s) used on it go back to the clients' balances.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>{amount} {name} paid for it is recorded as refunded: give it back to them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>{count} SD(s) (billing lines) totalling {amount}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>{count} cancellation record(s) and their history.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{count} clinical note(s) (drafts).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>{count} outbox message(s) about it stay in the outbox history, no longer linked to it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The other system is told the session was deleted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The audit log keeps a full snapshot of what was deleted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Remember to write an addendum in {name} for the deleted session.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+47" />
        <source>The session was permanently deleted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>This session can't be permanently deleted. It was billed to an insurer or funder, so it never can be: {instead}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>This session can't be permanently deleted. Clear what is listed, or {instead}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/dna_undo.py" line="-112" />
        <source>This did-not-attend mark can't be taken back: its no-show charge was already extracted for claiming. Correct the claim with the funder instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+54" />
        <source>The did-not-attend mark was taken back: {names} booked again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+61" />
        <source>Say why the did-not-attend mark is taken back.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>{display_name}'s booking is {value}, not marked did-not-attend.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Choose whose did-not-attend mark to take back.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sessions/refill.py" line="+34" />
        <source>The freed place was refilled by {name}; a refilled place is not charged.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source>{name}'s cancellation charge of {amount} was already extracted for claiming: a reversing line was written and a manager has a to-do to correct the claim.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>{name}'s cancellation charge of {amount} was withdrawn.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The {count} credit(s) it kept went back onto their balance.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The {amount} they paid for the class is recorded as refunded: give it back to them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>The cancellation e-mail had already told them of the fee, so an e-mail now tells them it is withdrawn.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+167" />
        <source>Correct the claim for {client}'s cancellation charge — {service} with {worker}, {when}: {lines} was claimed, but the place was refilled. Cancel that claim line with the funder; a reversing line was written.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <location filename="../app/i18n.py" line="+195" />
        <source>Choose the practice's language and region, like English (Australia).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>“{code}” is not a language and region FrontDesk knows; choose one from the list, like en_AU for English (Australia).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/number_text.py" line="+26" />
        <source>“{code}” is not a currency FrontDesk knows; choose one from the list, like AUD for the Australian dollar.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/outbox/settings_dialog.py" line="+45" />
        <source>Test result</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source> min before they may go</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>no wait: they go at once</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>While a client message waits, an undo, re-booking or new time withdraws it, so the client never hears something that is no longer true.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+33" />
        <source>smtp.example.com — empty: email off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Forget the saved password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Include the cancellation reason in client emails</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>State the fee and why in cancellation emails when one is charged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>send the test to this address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Send &amp;test</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Mail server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Port</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Security</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>User name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>From address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Client messages wait</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Test</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+51" />
        <location line="+112" />
        <source>Sending…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-84" />
        <source>&amp;Generate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Send &amp;test event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <location line="+12" />
        <source>Other system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-10" />
        <location line="+11" />
        <source>Its name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-10" />
        <location line="+11" />
        <source>Webhook address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-10" />
        <location line="+11" />
        <source>Signing secret</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+131" />
        <source>the e-mail and integration settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-243" />
        <location line="+102" />
        <location line="+11" />
        <source>Timeout</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-113" />
        <location line="+104" />
        <location line="+10" />
        <source>Tries before giving up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+66" />
        <source>Cancel, undo, delete, complete and did-not-attend are sent to the other system automatically (signed, retried until it answers).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The other system cannot be updated automatically: each change shows “Manual update required” and waits on the to-do list until someone ticks it done.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>FrontDesk works on its own; no other system is told about changes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>&amp;Email</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Integration</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/settings.py" line="+112" />
        <source>Sessions keep their moment in time, so their clock times now read in {zone}. Restart FrontDesk on every desk to show the new time zone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Restart FrontDesk on every desk to show the new language, dates and currency.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The new idle sign-out time applies from the next sign-in.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/outbox/adapters.py" line="-78" />
        <source>None (standalone)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Webhook (signed HTTP POST)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Manual (a to-do list)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>setup</name>
    <message>
        <location filename="../app/ui/setup/catalogue.py" line="+26" />
        <source>per hour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>each (fixed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>P1 — taxable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>P2 — GST-free</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>P5 — out of scope</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <location filename="../app/ui/setup/clients.py" line="+111" />
        <location filename="../app/ui/setup/reasons.py" line="+70" />
        <source>yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <location filename="../app/ui/setup/clients.py" line="+0" />
        <location filename="../app/ui/setup/reasons.py" line="+0" />
        <source>no</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+13" />
        <location filename="../app/ui/setup/reminders.py" line="+303" />
        <location filename="../app/ui/setup/workers.py" line="+42" />
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-12" />
        <source>Price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Unit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Minutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Cancel charges</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>SW pricing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Support-worker pricing: 7 days' notice under NDIS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>GST</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/ui/setup/clients.py" line="+3" />
        <location filename="../app/ui/setup/reminders.py" line="+4" />
        <location filename="../app/ui/setup/workers.py" line="+5" />
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <location filename="../app/ui/setup/clients.py" line="+0" />
        <location filename="../app/ui/setup/reminders.py" line="+0" />
        <location filename="../app/ui/setup/workers.py" line="+0" />
        <source>active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <location filename="../app/ui/setup/clients.py" line="+0" />
        <location filename="../app/ui/setup/reminders.py" line="+0" />
        <location filename="../app/ui/setup/workers.py" line="+0" />
        <source>inactive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>New service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>the new service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Code (support item):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+67" />
        <location filename="../app/ui/setup/reminders.py" line="-173" />
        <location filename="../app/ui/setup/workers.py" line="+96" />
        <source>Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-66" />
        <source>Price:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Charged:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Default length (minutes):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Cancellations:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Allows cancellation charges</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>NDIS pricing:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Support-worker pricing (7 days' notice)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>GST code:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Skill needed:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>e.g. physiotherapy — empty: any worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/ui/setup/workers.py" line="+4" />
        <source>Colour:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location filename="../app/ui/setup/clients.py" line="+80" />
        <location filename="../app/ui/setup/reminders.py" line="+16" />
        <location filename="../app/ui/setup/waitlist.py" line="+118" />
        <location filename="../app/ui/setup/workers.py" line="+2" />
        <source>State:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <location filename="../app/ui/setup/clients.py" line="+0" />
        <location filename="../app/ui/setup/reasons.py" line="+0" />
        <location filename="../app/ui/setup/reminders.py" line="+0" />
        <location filename="../app/ui/setup/settings.py" line="+334" />
        <location filename="../app/ui/setup/workers.py" line="+0" />
        <source>Active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>No services yet. Use Add… for each service you book: its code, price and length.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Services</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>New location</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>the new location</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location filename="../app/ui/setup/settings.py" line="-146" />
        <source>Address:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>No locations yet. Use Add… for each room or site where sessions happen.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Locations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/clients.py" line="-90" />
        <source>Last name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>First name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Funding</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>NDIS number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/ui/setup/workers.py" line="-104" />
        <source>Email</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/ui/setup/workers.py" line="+1" />
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notify</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+13" />
        <source>Credits</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-10" />
        <source>Texts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Opted out of texts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <location filename="../app/ui/setup/reminders.py" line="+155" />
        <location filename="../app/ui/setup/waitlist.py" line="-45" />
        <source>When</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>What</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Amount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location filename="../app/ui/setup/waitlist.py" line="+3" />
        <location line="+89" />
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>New client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>the new client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>First name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Last name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/ui/setup/workers.py" line="+98" />
        <source>Email:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/ui/setup/settings.py" line="+1" />
        <location filename="../app/ui/setup/workers.py" line="+1" />
        <source>Phone:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notifications:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>May be sent notifications</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Texts:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Opted out of texts (replied STOP)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>No texts go to the client while this is ticked; e-mails still go. Clear it when the client asks to be texted again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Opted out since {since}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Funding:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>NDIS participant number:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Paid by:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Client pays</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The insurer or scheme that pays this client's sessions (Practice settings list them), or the client.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Plan manager:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Plan manager's email:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>A plan-managed participant's invoices are addressed to their plan manager (the business) and sent to the e-mail address it takes invoices at.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Notes:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>Credits (read-only)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>Balance: {n} credit(s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-25" />
        <source>Credit balance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-179" />
        <source>NDIS plan, agency-managed (claimed from the NDIA)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>NDIS plan, plan-managed (invoice the plan manager)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>NDIS plan, self-managed (invoice the participant)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Private</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Insurance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>NDIS (plan-managed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>NDIS (self-managed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Purchase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Refund</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Refund reversed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Adjustment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+145" />
        <source>Credit history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>&amp;Account…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Account…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The client's account: packs, credits, refunds and payments; sell a pack, print, export.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Owes {n} class credit(s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+95" />
        <source>No clients yet. Use Add… for each client, or bring your list in with Import from CSV… in the Practice menu.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location filename="../app/ui/setup/import_dialog.py" line="+54" />
        <source>Clients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/common.py" line="+266" />
        <source>Search…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Search</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>&amp;Add…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Edit…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+90" />
        <location filename="../app/ui/setup/reminders.py" line="+43" />
        <source>Choose a row in the list first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/import_dialog.py" line="+1" />
        <source>Sessions (upcoming)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+50" />
        <location line="+24" />
        <source>Row</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>(whole row)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>What is wrong and what to do</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Import from CSV</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>&amp;Choose file…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Import:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>What to import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>File:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Columns:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Choose file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Preview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>&amp;Import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Problem count</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Save problem list…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Save problem list…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Save every problem as a CSV file to work through beside the spreadsheet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Problems</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+38" />
        <source>Choose a CSV file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+50" />
        <source>{n} problem(s) in {r} row(s), all listed here:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>Save the problem list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>{n} problem(s) saved to {file}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The problem list could not be saved. Try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>{n} row(s) ready to import. Nothing is written until you press Import.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>{e} problem(s) found in {r} row(s); correct them all in the file and choose it again. Nothing is imported while any row has a problem.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source>Importing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>The file could not be imported; nothing was written. Try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>bold: required</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/schedule_calls.py" line="+70" />
        <source>move session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+34" />
        <source>Can't move the session back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/install.py" line="+65" />
        <source>&amp;Practice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;New session…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Undo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Redo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Clients…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>&amp;Workers…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Services…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Locations…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>W&amp;aitlist…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cancellation reasons &amp;&amp; &amp;billing rules…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Practice se&amp;ttings…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Re&amp;minder rules…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Import from CSV…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+116" />
        <location filename="../app/ui/setup/settings.py" line="-95" />
        <location line="+68" />
        <source>Practice settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/schedule_calls.py" line="+77" />
        <location filename="../app/ui/setup/session_dialog.py" line="+100" />
        <source>New session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Add a worker and a service first (Practice ▸ Workers…, Services…).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+43" />
        <source>Can't change the session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+38" />
        <source>Session saved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-7" />
        <location line="+25" />
        <source>Changed at another desk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Can't move the session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Session moved. Undo with Ctrl+Z.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Session moved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Move anyway?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/reason_form.py" line="+18" />
        <source>The client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The practice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/clients.py" line="-285" />
        <location filename="../app/ui/setup/reason_form.py" line="+3" />
        <source>NDIS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/reason_form.py" line="+1" />
        <location filename="../app/ui/setup/reasons.py" line="+113" />
        <source>Private practice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Both profiles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>No notice threshold</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Hours before the start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Days before (same clock time)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Clear business days (skips weekends and holidays)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>NDIS rule: 2 clear business days, or 7 days for support-worker items</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>A percentage of the session price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>A fixed fee</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>NSDH — health</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>NSDF — family</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>NSDT — transport</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>NSDO — other</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>Reason:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Who cancels:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Profile:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Active (offered in the cancel dialog)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>This is the did-not-attend (no-show) rule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Notice threshold:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Threshold:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Charge when shorter:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Percentage:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Fixed fee:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Only for services that allow cancellation charges</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Not when the freed group place is refilled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>NDIS reason code:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Code:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>made from the name when empty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/reasons.py" line="-116" />
        <source>Profile</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Who</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Rule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/trial.py" line="+61" />
        <source>Try it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Session to try</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Advised at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>What the rule charges</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Advised:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>No upcoming sessions — book one to try the rule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>Choose a session to try the rule on.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Charge: {amount}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/reasons.py" line="+309" />
        <source>Change the billing profile</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Charge cancellations by the {new} reasons and rules from now on, at every desk of the practice?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Use {new}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Keep {now}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>New cancellations are offered the {new} reasons; the {now} reasons are kept and can be chosen again here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Cancellations already recorded keep the charges they have.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/reason_form.py" line="-75" />
        <location filename="../app/ui/setup/trial.py" line="+1" />
        <source>No charge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/trial.py" line="+2" />
        <source>session price {p}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/reasons.py" line="-273" />
        <source>Cancellation reasons &amp; billing rules</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Reasons</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>No cancellation reasons yet. Use New reason for the first: each reason carries its billing rule.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>&amp;New reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Save reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+38" />
        <source>Billing profile in use:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+71" />
        <source>the new reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/place_payments.py" line="+22" />
        <source>Invoice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>A class credit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>A single-class purchase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cash</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>EFTPOS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Bank transfer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cheque</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Voucher</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Other</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+33" />
        <source>{name} ({n} credit(s) left)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>session price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Paid with: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Price: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Paid by: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Already paid; cancel the booking to give it back.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/session_dialog.py" line="+0" />
        <source>Edit session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/reason_form.py" line="+5" />
        <location filename="../app/ui/setup/session_dialog.py" line="+20" />
        <source>(none)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/reminders.py" line="-305" />
        <source>SMS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Any</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Days before, at a time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+121" />
        <source>Hours before</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-49" />
        <source>New reminder rule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>the new reminder rule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Day before</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Channel:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <location filename="../app/ui/setup/session_dialog.py" line="-1" />
        <source>Location:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>When:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source> day(s) before</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Days before</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>At</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-25" />
        <source> hour(s) before</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>Text:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Placeholders: {names}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Preview:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+81" />
        <source>Channel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>For</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>No reminder rules yet. Use Add… to remind clients of their sessions before they come.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Reminder rules</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>every booking</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Delete the reminder rule “{name}”? Its unsent reminders are withdrawn.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Delete reminder rule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/session_dialog.py" line="-73" />
        <source>Individual</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Group</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Does not repeat</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Every week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Every fortnight</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+72" />
        <source>Start:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Length:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <location filename="../app/ui/setup/settings.py" line="-37" />
        <source> minutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Kind:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Places:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Clients:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Paid with:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Repeat:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Warnings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Also on this session (cancelled or attended): {names}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>after</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>sessions, or until</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>End after a number of sessions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Number of sessions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>End on a date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Last date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Ends:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+43" />
        <source>this session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>the new session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+40" />
        <source>&amp;Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+78" />
        <source>Books {n} sessions: {first} to {last}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Check before saving:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Save &amp;anyway</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/settings.py" line="-77" />
        <source>Neither the day of notice nor the session day counts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The day of notice counts (if a business day)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The session day counts (if a business day)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+41" />
        <source>the practice settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Practice name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Time zone:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Country (public holidays):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>State or region:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Clear business days:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Paper size:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Sign out when idle for:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <location line="+185" />
        <source>Funders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-179" />
        <source>Language and region:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Currency:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>General</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Printed on reports and invoices, signed on client e-mails and written into the NDIS claim file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Legal name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>as registered with the ABR</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>ABN:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>NDIS registration number:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>E-mail:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Payment details on invoices:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>BSB 062-000, account 1234 5678; quote the invoice number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Provider details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+62" />
        <source>Cancellations that flag a client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Within weeks</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>cancellations or no-shows in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>weeks</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Frequent canceller:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>(national holidays only)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+39" />
        <source>Insurers and schemes that pay for private clients' sessions. When a client's funder does not pay late-cancellation and no-show fees, the fee is charged to the client.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>&amp;Add funder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>No funders yet. Use Add funder for each insurer or scheme.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <location line="+1" />
        <source>Funder's name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Pays late-cancellation and no-show fees</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Active (clear it to deactivate)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>pays fees</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>client pays fees</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>, inactive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+27" />
        <source>New funder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/waitlist.py" line="-95" />
        <location line="+91" />
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-90" />
        <source>Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location line="+88" />
        <source>Waiting since</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-72" />
        <source>Add to waitlist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>the new waitlist entry</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/waitlist.py" line="+55" />
        <location filename="../app/ui/setup/waitlist.py" line="+1" />
        <source>{client}'s waitlist entry</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/waitlist.py" line="+4" />
        <source>Client:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/reminders.py" line="-211" />
        <location filename="../app/ui/setup/session_dialog.py" line="-246" />
        <location filename="../app/ui/setup/waitlist.py" line="+3" />
        <source>Worker:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/waitlist.py" line="+1" />
        <source>Any worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/reminders.py" line="-2" />
        <location filename="../app/ui/setup/session_dialog.py" line="+2" />
        <location filename="../app/ui/setup/waitlist.py" line="+1" />
        <source>Service:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/waitlist.py" line="+1" />
        <source>Any service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Days:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>From:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Until:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Note:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Still waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>No one is waiting yet. Use Add… for a client who wants an earlier or a freed place.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Waitlist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>Wants</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Offer the freed place</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Waiting clients who fit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>&amp;Book selected client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Not now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>A place is free in {session}. These waiting clients fit it:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Choose a client in the list first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+44" />
        <source>Place refilled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/widgets.py" line="+42" />
        <source>Choose colour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+47" />
        <source>{name} (inactive)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+87" />
        <source>Type to find…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Find</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/workers.py" line="-102" />
        <source>Skills</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+72" />
        <source>Working hours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-49" />
        <source>and</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>{day} start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{day} end</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{day} second window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{day} second start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{day} second end</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+41" />
        <location line="+1" />
        <source>From</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-1" />
        <location line="+1" />
        <source>To</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>New worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>the new worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Skills:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source>No workers yet. Use Add… for each practitioner or support worker; each gets a row on the schedule.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/import_dialog.py" line="-341" />
        <location filename="../app/ui/setup/workers.py" line="+2" />
        <source>Workers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/catalogue.py" line="-126" />
        <source>The price must be more than {zero}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Choose a GST code: P1 (taxable), P2 (GST-free) or P5 (out of scope).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+51" />
        <source>The code “{code}” is already used by another service.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <location line="+67" />
        <location filename="../app/services/setup/clients.py" line="+155" />
        <location filename="../app/services/setup/workers.py" line="+73" />
        <source>{name} was added.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-57" />
        <source>That service no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Sessions already booked keep the price agreed when they were booked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <location line="+52" />
        <location filename="../app/services/setup/clients.py" line="+12" />
        <location filename="../app/services/setup/workers.py" line="+41" />
        <source>{name} was saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-24" />
        <source>There is already a location called “{name}”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>That location no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../app/services/setup/checklist.py" line="+297" />
        <source>%n active worker(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n service(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n active reason(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+2" />
        <source>single-user mode</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n user(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+2" />
        <source>set up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>not set up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>Only the reasons, the users and the e-mail steps can be left for later; the time zone, a worker and a service are needed before the practice can book.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Left for later.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>The practice is set up.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Choose the practice's time zone, like Australia/Melbourne: session times and notice are counted in it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/funders.py" line="+190" />
        <source>Choose a funder from the list, or “Client pays”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/clients.py" line="-196" />
        <source>An NDIS participant number is 9 digits starting with 43, like 430123456.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>An NDIS participant number is kept only for an NDIS-funded client; choose NDIS funding, or clear the number.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Enter the NDIS participant number of an NDIS-funded client.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>An NDIS-funded client's sessions are paid through their NDIS plan (the NDIA or their plan manager), not by a funder; leave Paid by as the NDIS plan, or choose Private or Insurance funding for a client a funder pays.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+44" />
        <source>That client no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+70" />
        <source>NDIS participant number {number} is already {name}'s (#{found}); check the number, or open that client's record instead of adding another.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>{first_name} {last_name} is already a client (#{found}); open that record instead of adding it again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+79" />
        <source>{name} still has {n} upcoming booking(s); they stay on the schedule until you cancel them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>This participant's invoices go to their plan manager: add the plan manager's name and the e-mail address they take invoices at, so the invoices name them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>This client will not be sent notifications (no consent).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>This client has no e-mail address, so notifications cannot reach them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/common.py" line="+38" />
        <source>Enter the {what}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>{name} was changed at another desk while you were editing it, so nothing was saved. The form now shows it as it is; make your change again and save.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>{name} was changed at another desk while this form was open, so nothing here was saved. Press Cancel and open {name} again from the list, which now shows that change; then make yours.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>“{cleaned}” is not an e-mail address; type it like name@example.com.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>“{cleaned}” is not a phone number; use digits, spaces and + ( ) -.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>“{cleaned}” is not a colour; use the form #4a90d9.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>The {what} must be between {low} and {high}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/csv_import.py" line="+58" />
        <source>This column appears twice; keep one of them and delete the other.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Imported {count} clients from {name}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Imported {count} workers from {name}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Imported {count} sessions from {name}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>Row {row}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Row {row}, column {column}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Row {row}, column {column} (“{value}”)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{where}: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+44" />
        <source>{name} cannot be read ({strerror}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>{name} is not UTF-8 text; in the spreadsheet choose Save As ▸ CSV UTF-8.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>{name} is not a CSV file ({exc}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>{name} is empty; the first row must name the columns.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>{name} has too many columns ({widest}); FrontDesk reads at most {max_columns}. Save only the columns listed for this kind of file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{name} has more than {max_rows} rows; split it into parts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+39" />
        <source>Unknown column; rename it to one of {columns}, or delete it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>(blank)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>This column is required but missing; add it to the first row and fill it in for every row.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>There is no active worker “{name}”; import workers first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>There is no active service with the code “{code}”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>There is no location “{name}”; add it first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>This session is in the past; import only upcoming sessions.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+65" />
        <source>The same record appears earlier (row {row}) in this file; delete one of the two rows.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>This row has {cells} cells; the header has {columns}. Look for a stray comma, or put quotes around a cell that holds a comma.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>The file has a header but no rows to import; add one row for each record under the header.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>The cell contains a hidden control character ({found}); remove it in the spreadsheet and save the file again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>The problem list could not be saved as {name} ({strerror}); choose another folder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>no rows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{name} has {count} problem(s), so nothing was imported. {first}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/csv_rows.py" line="-179" />
        <source>“{text}” is not yes or no; write yes or no.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>“{text}” is not one of {allowed}; write one of them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>“{text}” is not a whole number; write digits only, like 60.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+104" />
        <source>“{part}” is not working hours; write them like Mon-Fri 08:00-17:00.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>“{text}” is not a time of day; write times from 00:00 to 23:59 (24:00 for the end of the day).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>“{text}” is not a date; write it like 2026-04-13.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>“{text}” is not a time; write it like 09:00 or 14:30.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>There is no client “{item}”; import clients first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Several clients have the NDIS number “{item}”; in Practice ▸ Clients correct it on the records that are not that participant's, then import again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Several clients are called “{item}”; use their NDIS number instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/editing.py" line="-177" />
        <source>{name}'s place in this session was billed to {insurer}, so {name} can't be taken off it; cancel {name}'s booking instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>{name} has a payment or adjustment on this session, so {name} can't be taken off it; cancel {name}'s booking instead, or have a manager remove the payment first (Remove… in the session's details).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>{display_name}'s booking has billing history; cancel it instead of removing it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>{display_name} already has a {value} booking here; undo that cancellation instead of adding them again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+39" />
        <source>Change one session at a time; repeats are set when booking.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Check these first:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>The session was saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/funders.py" line="-183" />
        <source>Two funders are named “{name}”; give each funder its own name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+36" />
        <source>The funder “{name}” no longer exists; close the settings and open them again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>A funder named “{name}” already exists; use it, or give this one another name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+51" />
        <source>Funders saved ({changed} changed).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Funders: nothing changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+54" />
        <source>Charged to the client (“{code}” is the practice's own service code, not an NDIS support item number, so the NDIS plan cannot be claimed for it).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Charged to the client ({funder} does not pay cancellation fees).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/reasons.py" line="-85" />
        <source>no charge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>fixed fee {amount}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>did not attend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>under 2 clear business days (7 days for support-worker items)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>never (no notice threshold)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>under %n hour(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>under %n day(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>under %n clear business day(s)</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+2" />
        <source>only if the service allows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>not when the place is refilled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Worker and practice cancellations are never charged; set the charge to “No charge”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>A percentage charge is between 1 and 100.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Enter the fixed fee, more than {zero}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Choose a notice threshold: without one this reason never charges.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>A threshold in {words} is between {low} and {high}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Choose the profile: NDIS, private, or both.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Only clients can fail to attend.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Choose the NDIS reason code (NSDH, NSDF, NSDT or NSDO) that claims need.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+56" />
        <source>A reason code is lower-case letters, digits and _.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The code “{code}” is already used by another reason.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>This profile already has an active no-show rule (“{label}”); change that one, or make it inactive first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>There is already a reason called “{label}” for the same cancellations; give this one another name, or change that one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+35" />
        <source>“{label}” was added.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>That reason no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Cancellations already recorded keep the charge worked out when they were made.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>“{label}” was saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>Billing profile: NDIS. Its reasons are offered from now on.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Billing profile: private practice. Its reasons are offered from now on.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/sessions.py" line="-26" />
        <source>Choose a worker from the list.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Choose a service from the list.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Choose a location from the list.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>An individual session has one place; choose group or class for more.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>An individual session has one client; choose group or class for more clients, or choose one client.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>{count} clients do not fit {capacity} place(s); raise the capacity or choose fewer clients.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>A client is chosen twice.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>A chosen client no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{display_name} is inactive; reactivate them first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>This session starts in the past.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source> and {n} more</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+43" />
        <source>Check these first:
{warnings}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Booked {n} sessions from {when}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Booked {when}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/trial.py" line="+84" />
        <source>The advised time must include a time zone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/waitlist.py" line="-64" />
        <source>Choose the client who is waiting.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Tick at least one weekday.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The latest time must be after the earliest.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+35" />
        <source>Choose an active client.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Choose a worker from the list, or any worker.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Choose a service from the list, or any service.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>That waitlist entry no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>The waitlist was saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>The worker cancelled this session, so it has no place to offer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>This session has started; its place can no longer be offered.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>No place is free in this session.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>{name} already has a booking in this session.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{name} is waiting for another worker.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{name} is waiting for another service.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{name} is not available on {day}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>{name} is only available {window}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>The client is already booked at {when}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+49" />
        <source>That client is no longer on the waitlist.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source>{name} was booked from the waitlist.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/workers.py" line="-153" />
        <source>A weekday is Monday to Sunday.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>{value}: the working hours must end after they start.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>{value}: at most two working windows a day (the second for a split shift); join two of them into one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>{value}: {text} and {text2} overlap.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+47" />
        <source>There is already a worker called “{name}”; give each worker a distinct name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+61" />
        <source>That worker no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+13" />
        <source>{name} still has %n upcoming session(s); they stay on the schedule until you move or cancel them.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+27" />
        <source>{name} has no working hours, so every session with them is warned about.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/setup/settings.py" line="-313" />
        <source>practice name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>time zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>public-holiday region</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>clear business days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>paper size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>frequent canceller</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>idle sign-out time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>NDIS registration number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>legal name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>ABN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>phone number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>e-mail address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>language and region</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>currency</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>payment details on invoices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+70" />
        <source>“{typed}” is not an ABN: an ABN has 11 digits, like 51 824 753 556.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The ABN {abn} fails the ABN check-digit test, so one digit is wrong. Copy it again from the ABN Lookup or your registration letter.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+63" />
        <source>A state or region code has at most 8 letters, like NSW.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Choose A4 or Letter paper.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+30" />
        <source>The NDIS registration number is digits only, like 4050012345, as on your certificate of registration.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+46" />
        <source>funder “{name}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Another desk changed the {names} while the practice settings were open here, so nothing was saved. The form now shows that desk's {names}, and keeps your other changes; make your change again and save.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+79" />
        <source>Practice settings saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/boundary.py" line="-104" />
        <source>“{value}” is not a choice FrontDesk knows for the {what} ({choices}). Choose one from the list.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>sms</name>
    <message>
        <location filename="../app/ui/sms/gateway_action.py" line="+18" />
        <source>S&amp;MS gateway…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sms/gateway_dialog.py" line="+53" />
        <source>the SMS gateway settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>SMS gateway</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Reminders and waitlist offers go to clients by text through this gateway; clients' replies are fetched by the outbox every minute. Without a gateway, text messages wait in the outbox.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Result</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Gateway account</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Gateway</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Gateway</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>as MessageMedia's hub shows it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/settings.py" line="+52" />
        <location filename="../app/ui/sms/gateway_dialog.py" line="+1" />
        <source>API key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sms/gateway_dialog.py" line="+1" />
        <source>API &amp;key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>shown once, when the API key is created</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/settings.py" line="+5" />
        <location filename="../app/ui/sms/gateway_dialog.py" line="+1" />
        <source>API secret</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sms/gateway_dialog.py" line="+1" />
        <source>API sec&amp;ret</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>empty: the account's number (clients can reply)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Sender</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Sender</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source> minutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Gap between waitlist offers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Gap between waitlist &amp;offers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Advanced</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Base address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Base address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Send a test message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Test number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Send &amp;test</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>a mobile number, like {example}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+61" />
        <source>Sending a test message…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/reply_queue.py" line="+107" />
        <source>That reply is no longer on file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>This reply is no longer waiting on the queue.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The reply was marked as handled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <location line="+67" />
        <source>That booking is no longer on file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-65" />
        <source>This booking is not confirmed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+60" />
        <source>Only a cancellation or a confirmation made by a text reply can be undone here; change a booking made from an offer on the schedule.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-33" />
        <source>This cancellation was already undone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-129" />
        <source>{name}'s booking was already cancelled, so there is nothing to cancel for this reply. Check it with Open booking, then press Mark handled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>{name} was already marked as attended for this booking, so it cannot be cancelled. Check it with Open booking, then press Mark handled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>{name} was already marked as did-not-attend for this booking, so it cannot be cancelled. Check it with Open booking, then press Mark handled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+160" />
        <source>The confirmation was taken back.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Undone by {user} (it was {outcome}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>This reply matches no booking; find the booking on the schedule.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/settings.py" line="-13" />
        <source>Clients cannot reply to a name: leave it empty, or enter a number, for replies.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>gateway</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>sender</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>gap between waitlist offers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>base address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+131" />
        <source>{sender} is not a phone number. Enter the practice's number, or a name of up to 11 letters and digits, or leave it empty.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>A sender name can only use the letters A to Z, digits and spaces, so “{odd}” cannot be in it. {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>A sender name has up to 11 letters, digits and spaces; “{sender}” has {count}. {why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Choose the SMS gateway.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The gap between waitlist offers must be 1 to {most} minutes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Enter the API key without spaces.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Enter the API secret.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Enter the gateway's address, like {example}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Use an https:// address so the API key and clients' numbers travel encrypted (plain http is only allowed to this computer).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+61" />
        <source>Text messages are off; they wait in the outbox until a gateway is set.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>SMS gateway saved: {gateway}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Another desk changed the {names} while the SMS gateway settings were open here, so nothing was saved. The form now shows that desk's {names}, and keeps your other changes; make your change again and save.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Enter the API key first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>{gateway} accepted the test message to {to}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/length.py" line="+88" />
        <source>an unseen character ({name})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The text is too long for {limit} text messages: it would be sent as {count}. Because it contains {char}, each text message holds only {each} characters instead of {usual}: emoji and special characters (such as curly quotes) make every text shorter. Replace or remove {char}, or shorten the text.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>The text is too long for {limit} text messages: it would be sent as {count}. Shorten it: each text message holds {usual} characters; {{ }} [ ] ~ ^ | € count as two, and an emoji or special character (such as a curly quote) makes every text shorter.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/opt_out.py" line="+110" />
        <source>Opted out of texts: {names} will not be texted again until “Opted out of texts” is cleared in the client form. E-mails still go.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Opted out of texts: no client has this number, so nobody's texts were turned off.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>{skipped} text(s) waiting in the outbox will not be sent.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>Texts back on: {names} will be texted again (reminders, offers).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Texts back on: no client with this number had texts turned off, so nothing changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/numbers.py" line="+82" />
        <source>Enter a mobile number, like {example}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>{text} is not a phone number. Enter a mobile number, like {example}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>{text} is not a mobile number, so it cannot receive a text message.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/gateway.py" line="+243" />
        <source>{name} did not accept the API key (HTTP {code}). Check the API key and API secret in {place}; the messages wait until then.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>{name} has not enabled this feature (HTTP {code}). Check the API key and API secret in {place}; the messages wait until then.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>{name} has nothing at {address} (HTTP 404). Check the base address in {place}; the messages wait until then.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>{name} is busy (HTTP {code}); it will be retried.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{name} had a problem (HTTP {code}); it will be retried.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>no reason given</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{name} refused the message: {reason}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Offline: {host} did not answer in {timeout:g} s. Text messages wait and go when the gateway can be reached.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Offline: could not reach {host} ({reason}). Text messages wait and go when the gateway can be reached.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/offer_state.py" line="+41" />
        <source>waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>declined</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>booked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>told it was taken</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>withdrawn</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>withdrawn: the session moved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>withdrawn: the session's service changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>expired</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>sent {time}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>Offered to %n client(s): {offers}</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location filename="../app/services/sms/offers.py" line="+24" />
        <source>The offer was no longer open.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The client declined the offer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/sms/replies.py" line="+78" />
        <source>No reminder or offer was sent to this number in the last 14 days.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>This number was sent messages for more than one client; choose the booking yourself.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>The message this replies to names no booking.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+93" />
        <source>Received after the session started, so it is not a cancellation; mark the booking yourself.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Text cancellations are switched off (the reason “{reason}” is inactive); cancel the booking yourself.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>Cancelled by text; charge {charge}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Cancelled by text; no charge.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Received after the session started; nothing was confirmed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The booking is {status}; nothing was confirmed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Confirmed by text.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+38" />
        <source>The booking this replies to no longer exists.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>start</name>
    <message>
        <location filename="../app/bootstrap.py" line="+45" />
        <source>The database file {name} is damaged ({problem}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+35" />
        <source>This database was last used by a newer version of FrontDesk (schema {revision}). It has not been changed. Install the newer FrontDesk, or open another database.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>This database is not a FrontDesk practice: it holds other tables ({tables}) and no FrontDesk schema. It has not been changed. Open a FrontDesk practice, or name a new file to start one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The file {file} is not a FrontDesk practice: it holds other tables ({tables}) and no FrontDesk schema. It has not been changed. Open a FrontDesk practice, or name a new file to start one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>The database file {file} cannot be opened: this account may not read or write it. Ask your IT support to check its permissions and those of its folder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+59" />
        <source>The database address {url} cannot be used ({reason}). Check the --db option or FRONTDESK_DB_URL, then start again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>no reason given</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>FrontDesk could not connect to the practice database {url} ({reason}). Check that the server is running and reachable from this desk and that the user name and password are right, then start again.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <location filename="../app/ui/start/startup.py" line="+102" />
        <source>FrontDesk cannot open its data folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{path}: {why}. Ask your IT support to check the folder exists and can be written.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>FrontDesk cannot open the database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+34" />
        <source>The backup {name} was restored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The practice as it was before is kept as the backup {name}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <location line="+20" />
        <source>The backup was not restored</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-14" />
        <source>The backup could not be put in place ({why}); the practice was left as it was. Free some space on the disk, or ask your IT support to check that the folder {folder} can be written, then restore again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The backup could not be put in place ({why}). Free some space on the disk, or ask your IT support to check that the folder {folder} can be written, then start FrontDesk again: it offers the backup again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+162" />
        <source>The daily backup was not made: {why}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <location filename="../app/ui/format.py" line="-38" />
        <source>Rostered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Completed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+5" />
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-2" />
        <source>Booked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Attended</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Did not attend</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>storage</name>
    <message>
        <location filename="../app/services/storage/backup.py" line="+40" />
        <source>The backup {name} failed its check after copying ({problem}), so it was not kept. Run the backup again; if it fails again, call your IT support.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+67" />
        <source>The disk is full: the backup {name} could not be written in {folder}. The practice itself was not changed; free some space (older backups can go) and back up again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>The backup folder {folder} cannot be written, so the backup {name} was not made. Ask your IT support to make the folder writable.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>The backup folder {folder} is a file, not a folder, so the backup {name} was not made. Ask your IT support to move that file away.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>The backup {name} could not be written in {folder} ({why}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+155" />
        <source>{name} does not exist.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{name} is not a database file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{name} is damaged ({problem}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>{name} is a database, but not a FrontDesk one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>{name} was written by a newer FrontDesk; install that version to open it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <location filename="../app/services/storage/practice_backups.py" line="+84" />
        <source>pg_dump is not installed on this desk; back up the PostgreSQL server with its own tools.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>pg_dump could not back up the practice ({last_line}), so no backup was written. Check the server can be reached, then back up again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>The backup {name} failed its check ({problem}), so it was not kept. Back up again; if it fails again, call your IT support.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>the file is empty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>the file is not a pg_dump archive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>no reason given</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/storage/export_target.py" line="+33" />
        <source>The folder {folder} does not exist; choose an existing folder for the file (FrontDesk does not create folders for exports).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>{path} is {kind}, not an ordinary file, so FrontDesk will not replace it; choose another file name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/storage/practice_backups.py" line="+64" />
        <location filename="../app/services/storage/restore.py" line="+101" />
        <source>Not restored: {problem} The current database was left as it is.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>{name} is the practice itself, not a backup of it. Choose a backup from the list, or one kept elsewhere.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/storage/restore.py" line="-63" />
        <source>This practice is kept on a PostgreSQL server, which FrontDesk does not replace from a desk. Close FrontDesk on every desk, then have your IT support restore the backup on the server with pg_restore (for example: pg_restore --clean --if-exists -d DATABASE FILE).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+105" />
        <source>Not restored: the copy of the backup failed its check ({problem}). The current database was left as it is.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+112" />
        <source>A restore of the practice was interrupted and cannot be finished ({exc}). Nothing was changed; the files are in {parent}: call your IT support.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/storage/secret_box.py" line="+102" />
        <source>The secrets key file {path} is damaged. Put back its copy from the backups folder ({key_file}), or remove it and enter the webhook secret and the mail password again in Settings.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+93" />
        <source>The {what} saved for this practice cannot be read on this desk: the key it was locked with is missing here ({key_file} or this computer's keyring). Enter the {what2} again in {where}, or put back the practice's {key_file2}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/storage/desk_lock.py" line="+111" />
        <source>{host} (pid {pid}, {user}, since {when})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+50" />
        <source>The folder {folder} that holds the practice database cannot be written ({why}). FrontDesk has to write there to open the practice and keep it safe; ask your IT support to make the folder writable, or open a practice kept in a folder you can write.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>The folder {folder} that holds the practice database cannot be written. FrontDesk has to write there to open the practice and keep it safe; ask your IT support to make the folder writable, or open a practice kept in a folder you can write.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+100" />
        <source>A restore of the practice is in progress on {desk}. FrontDesk opens once it has finished: wait a minute, then open it again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>A restore of the practice is in progress. FrontDesk opens once it has finished: wait a minute, then open it again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+27" />
        <source>FrontDesk is open at another desk or in another window — close it there first, then restore.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Another restore is running on {desk}; wait for it to finish.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>FrontDesk is open on {desks} — close it there first, then restore.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>toolbar</name>
    <message>
        <location filename="../app/ui/schedule/toolbar.py" line="+38" />
        <source>Schedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Schedule toolbar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+27" />
        <source>&amp;Today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Go to today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Previous day or week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-2" />
        <source>&amp;Previous</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Next</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Next day or week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <location line="+1" />
        <source>Go to date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Shown range</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>&amp;Day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Day view</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Week view</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Worker filter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Choose which workers' rows are shown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Search the schedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Search client, worker, service, #id  (Ctrl+F)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Search</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+31" />
        <source>Show all workers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+42" />
        <source>All workers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>{n} of {total} workers</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>undo</name>
    <message>
        <location filename="../app/ui/sessions/simple.py" line="-266" />
        <location filename="../app/ui/sessions/undo_choice.py" line="+60" />
        <source>Undo cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+30" />
        <source>Cancelled by the {who} ({reason}) for {names}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>The bookings go back to booked, the session to rostered, and the charges this cancellation created are removed. The cancellation stays in the history, marked undone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-27" />
        <source>Why is the cancellation being undone?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Undo reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Only this session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+39" />
        <source>What blocks the undo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>This cancellation can't be undone: its charges were already extracted for claiming. Correct the claim with the funder instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-39" />
        <source>&amp;Undo cancellation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>Class credits spent since</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+49" />
        <source>All {n} sessions this series cancellation covered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Restore every session of the series</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Restore only this session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Restore which sessions?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The other sessions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/sessions/undo_choice.py" line="-29" />
        <source>the whole session</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{clients} — {who} cancellation, advised {when} ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+42" />
        <source>This session has {n} cancellations standing. Which one is to be undone?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>A greyed one can't be undone; the reason is under it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Cancellations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Next</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>unexpected</name>
    <message>
        <location filename="../app/ui/start/unexpected.py" line="+36" />
        <source>Something went wrong and FrontDesk could not finish that. The details were saved in the log (Help ▸ Open log folder); what was saved before is safe.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>FrontDesk</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>users</name>
    <message>
        <location filename="../app/ui/setup/users_dialog.py" line="+43" />
        <source>User name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>disabled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/user_forms.py" line="+59" />
        <source>Add user</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>User name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location filename="../app/ui/setup/users_dialog.py" line="+225" />
        <source>Role:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Password:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+69" />
        <location line="+55" />
        <source>Password again:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-81" />
        <source>the new user</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>Set a new password for {u}? Their current password stops working at once (a lockout is lifted too); tell them the new one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <location line="+55" />
        <source>New password:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-48" />
        <source>&amp;Reset password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Keep the current password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+36" />
        <source>Change my password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>A new password for {u}. It works from the next sign-in, at every desk.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Current password:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Change password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Change password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/users_dialog.py" line="-202" />
        <location line="+5" />
        <source>Users</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>No users yet. Use Add… to give each person at the desk their own account.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>&amp;Add…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Disable / enable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reset &amp;password…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Change &amp;role…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Single-user desk: open without signing in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Single-user mode</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+73" />
        <source>Choose a user in the list first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>Disable user</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Disable {u}? They can no longer sign in.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Disable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Keep {u} active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Their records and audit history stay; Disable / enable lets them in again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>The password of {u} was reset.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+31" />
        <source>Change your own role to {role}? Once it is saved you lose access to the administrator screens (Users, Practice settings, bulk cancellation) at once.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Change your own role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Change my role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Keep me an administrator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Only another administrator can make you an administrator again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <location line="+4" />
        <source>Open without signing in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-3" />
        <source>Let FrontDesk open without signing in? Whoever starts it, on any desk of this practice, works as the administrator, and nobody is signed out when idle.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Keep signing in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/user_forms.py" line="-74" />
        <source>Reset password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/ui/setup/users_dialog.py" line="-49" />
        <source>Change role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/users.py" line="-185" />
        <source>Choose a password of at least {min_password} characters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+57" />
        <source>The administrator is already set up; sign in instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-29" />
        <source>Choose a user name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-21" />
        <source>Spaces don't count: choose a password with at least {min_password} letters, digits or other characters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>The two passwords differ; type the same password twice.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>“{name}” has a space in it: a user name is one word, like sam.lee (a dot or an underscore between words).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>A user name is letters and digits (dots and underscores allowed).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/services/signin.py" line="+39" />
        <source>The user name or password is not right. Check them and try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>This account is disabled. Ask an administrator to enable it.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>Too many wrong passwords: this account is locked for %n more minute(s).</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message numerus="yes">
        <location line="+13" />
        <source>Too many wrong passwords: this account is locked for %n minute(s).</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location filename="../app/services/users.py" line="+69" />
        <source>There is already a user called “{name}”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>That user no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>You can't disable your own account; ask another administrator.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <location line="+22" />
        <source>This is the last administrator; make someone else an administrator first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+50" />
        <source>Sign in with your own account to change your password.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Your current password is not right; type it again. If you have forgotten it, ask an administrator to reset it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>The new password is the same as the current one; choose another.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+9" />
        <source>Too many wrong passwords: your account is locked for %n more minute(s), so the password can't be changed now. You stay signed in at this desk. Try again later, or ask an administrator to reset your password.</source>
        <translation type="unfinished"><numerusform /></translation>
    </message>
    <message>
        <location line="+81" />
        <source>There is no user called “{name}”; check the name with the Users list.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../app/db.py" line="+127" />
        <source>An administrator has disabled your account since you signed in, so this was not saved. Ask an administrator if you need the account again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>An administrator has changed your role to {role} since you signed in, so this was not saved. Try again if your new role allows it.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>wiring</name>
    <message>
        <location filename="../app/ui/start/wiring.py" line="+77" />
        <source>Jobs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+97" />
        <source>&amp;Bulk cancel…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-1" />
        <source>S&amp;chedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-95" />
        <source>&amp;Jobs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+181" />
        <source>A&amp;dministration</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Users…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Sign out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Change my &amp;password…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;About FrontDesk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>About FrontDesk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Open &amp;log folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>Your password was changed; use the new one from your next sign-in.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Log folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>FrontDesk's log is in {folder}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>&lt;b&gt;FrontDesk {version}&lt;/b&gt;&lt;br&gt;The front desk of clinics and care providers.&lt;br&gt;&lt;br&gt;Database: {db}&lt;br&gt;Schema revision: {rev}&lt;br&gt;Data folder: {data}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>Signed out after a while without use.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Signed in as {u}.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>worklist</name>
    <message>
        <location filename="../app/ui/schedule/worklist.py" line="+22" />
        <source>under an hour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>{n} h</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>{n} days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Started</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Worker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Clients still booked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Session #</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>Sessions that have started but nobody completed, cancelled or marked did-not-attend. Nothing is marked automatically: open one, then Complete it or mark who did not attend.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>Unresolved past sessions</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
"""The setting's life (policies, events, consultations, suggestions,
complaints, announcements, communication needs) moves to its own app,
nursery.setting (label `setting`), in its migration 0001.

Only Django's record of the models changes: nothing is done to the database.
The tables keep their names (`nursery_policy`, ...): the moved models say so
with `db_table`, so every existing database keeps its rows, foreign keys,
sequences, indexes and constraints as they are, and a new database gets the
same tables from 0003 as before.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('nursery', '0004_review_interval'),
    ]

    # State only: the tables stay where they are (see above).
    state_operations = [
        migrations.RemoveField(
            model_name='announcement',
            name='children',
        ),
        migrations.RemoveField(
            model_name='announcement',
            name='created_by',
        ),
        migrations.RemoveField(
            model_name='announcement',
            name='room',
        ),
        migrations.RemoveField(
            model_name='communicationneeds',
            name='parent',
        ),
        migrations.RemoveIndex(
            model_name='complaint',
            name='nursery_com_outcome_1f3bd5_idx',
        ),
        migrations.RemoveConstraint(
            model_name='complaint',
            name='complaint_outcome_after_receipt',
        ),
        migrations.RemoveConstraint(
            model_name='complaint',
            name='complaint_acknowledged_after_receipt',
        ),
        migrations.RemoveConstraint(
            model_name='consultation',
            name='consultation_closes_after_opening',
        ),
        migrations.RemoveField(
            model_name='consultationoption',
            name='consultation',
        ),
        migrations.RemoveConstraint(
            model_name='consultationresponse',
            name='one_answer_per_parent',
        ),
        migrations.RemoveConstraint(
            model_name='event',
            name='event_ends_after_start',
        ),
        migrations.RemoveConstraint(
            model_name='eventsignup',
            name='one_signup_per_parent',
        ),
        migrations.RemoveField(
            model_name='historicalcomplaint',
            name='child',
        ),
        migrations.RemoveField(
            model_name='historicalcomplaint',
            name='complainant',
        ),
        migrations.RemoveField(
            model_name='historicalcomplaint',
            name='history_user',
        ),
        migrations.RemoveField(
            model_name='historicalcomplaint',
            name='outcome_by',
        ),
        migrations.RemoveField(
            model_name='historicalcomplaint',
            name='recorded_by',
        ),
        migrations.RemoveField(
            model_name='historicalpolicy',
            name='history_user',
        ),
        migrations.RemoveField(
            model_name='historicalpolicy',
            name='updated_by',
        ),
        migrations.RemoveConstraint(
            model_name='policy',
            name='policy_review_due_after_review',
        ),
        migrations.RemoveConstraint(
            model_name='policyacknowledgement',
            name='one_acknowledgement_per_version',
        ),
        migrations.RemoveField(
            model_name='suggestion',
            name='parent',
        ),
        migrations.RemoveField(
            model_name='suggestion',
            name='responded_by',
        ),
        migrations.DeleteModel(
            name='Announcement',
        ),
        migrations.DeleteModel(
            name='CommunicationNeeds',
        ),
        migrations.RemoveField(
            model_name='complaint',
            name='child',
        ),
        migrations.RemoveField(
            model_name='complaint',
            name='complainant',
        ),
        migrations.RemoveField(
            model_name='complaint',
            name='outcome_by',
        ),
        migrations.RemoveField(
            model_name='complaint',
            name='recorded_by',
        ),
        migrations.RemoveField(
            model_name='consultation',
            name='created_by',
        ),
        migrations.RemoveField(
            model_name='consultation',
            name='decided_by',
        ),
        migrations.RemoveField(
            model_name='consultationresponse',
            name='consultation',
        ),
        migrations.RemoveField(
            model_name='consultationresponse',
            name='option',
        ),
        migrations.RemoveField(
            model_name='consultationresponse',
            name='parent',
        ),
        migrations.RemoveField(
            model_name='event',
            name='created_by',
        ),
        migrations.RemoveField(
            model_name='event',
            name='room',
        ),
        migrations.RemoveField(
            model_name='eventsignup',
            name='children',
        ),
        migrations.RemoveField(
            model_name='eventsignup',
            name='event',
        ),
        migrations.RemoveField(
            model_name='eventsignup',
            name='parent',
        ),
        migrations.DeleteModel(
            name='HistoricalComplaint',
        ),
        migrations.DeleteModel(
            name='HistoricalPolicy',
        ),
        migrations.RemoveField(
            model_name='policy',
            name='updated_by',
        ),
        migrations.RemoveField(
            model_name='policyacknowledgement',
            name='parent',
        ),
        migrations.RemoveField(
            model_name='policyacknowledgement',
            name='policy',
        ),
        migrations.DeleteModel(
            name='Suggestion',
        ),
        migrations.DeleteModel(
            name='Complaint',
        ),
        migrations.DeleteModel(
            name='Consultation',
        ),
        migrations.DeleteModel(
            name='ConsultationOption',
        ),
        migrations.DeleteModel(
            name='ConsultationResponse',
        ),
        migrations.DeleteModel(
            name='Event',
        ),
        migrations.DeleteModel(
            name='EventSignup',
        ),
        migrations.DeleteModel(
            name='Policy',
        ),
        migrations.DeleteModel(
            name='PolicyAcknowledgement',
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=state_operations, database_operations=[]
        )
    ]

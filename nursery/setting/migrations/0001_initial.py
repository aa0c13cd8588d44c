"""The setting's life, moved here from the kernel app (`nursery`, whose
migration 0005 forgets these models without touching the database).

State only: the tables were made by nursery's 0003 and keep their names
through `db_table` (the historical tables through simple_history's
`table_name`), so nothing is created, renamed or copied, on any database.
"""

import django.db.models.deletion
import django.utils.timezone
import nursery.validators
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('nursery', '0005_setting_models_move_out'),
        ('families', '0003_childprotectiontask_historicalchildprotectiontask_and_more'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # State only: the tables stay where they are (see above).
    state_operations = [
        migrations.CreateModel(
            name='Announcement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=150, verbose_name='title')),
                ('body', models.TextField(verbose_name='message')),
                ('audience', models.CharField(choices=[('all', 'All families'), ('room', 'The families of one room'), ('children', 'The families of chosen children')], max_length=10, verbose_name='send to')),
                ('published_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='published')),
                ('emailed_to', models.PositiveIntegerField(default=0, verbose_name='emailed to')),
                ('children', models.ManyToManyField(blank=True, related_name='announcements', to='families.child', verbose_name='children')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('room', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='announcements', to='families.room', verbose_name='room')),
            ],
            options={
                'verbose_name': 'announcement',
                'verbose_name_plural': 'announcements',
                'db_table': 'nursery_announcement',
                'ordering': ['-published_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='CommunicationNeeds',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('preferred_language', models.CharField(blank=True, max_length=80, verbose_name='the language you prefer')),
                ('needs_interpreter', models.BooleanField(default=False, verbose_name='I would like an interpreter')),
                ('accessibility', models.TextField(blank=True, help_text='For example: large print, a hearing loop, British Sign Language, phone rather than email, or anything else that helps.', verbose_name='a disability or impairment we should take into account')),
                ('email_announcements', models.BooleanField(default=False, verbose_name="email me the setting's announcements as well")),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('parent', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='communication_needs', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'communication needs',
                'verbose_name_plural': 'communication needs',
                'db_table': 'nursery_communicationneeds',
            },
        ),
        migrations.CreateModel(
            name='Consultation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=150, verbose_name='title')),
                ('background', models.TextField(blank=True, verbose_name='what may change and why')),
                ('question', models.CharField(max_length=300, verbose_name='question')),
                ('opens_on', models.DateField(verbose_name='opens')),
                ('closes_on', models.DateField(verbose_name='closes')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('decision', models.TextField(blank=True, verbose_name='decision taken')),
                ('decided_on', models.DateField(blank=True, null=True, verbose_name='decided on')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'consultation',
                'verbose_name_plural': 'consultations',
                'db_table': 'nursery_consultation',
                'ordering': ['-opens_on', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='ConsultationOption',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.CharField(max_length=200, verbose_name='option')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('consultation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='options', to='setting.consultation')),
            ],
            options={
                'db_table': 'nursery_consultationoption',
                'ordering': ['consultation', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='ConsultationResponse',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('comment', models.TextField(blank=True, verbose_name='your comments')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('consultation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='setting.consultation')),
                ('option', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='responses', to='setting.consultationoption', verbose_name='your choice')),
                ('parent', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='consultation_responses', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'consultation answer',
                'verbose_name_plural': 'consultation answers',
                'db_table': 'nursery_consultationresponse',
                'ordering': ['consultation', '-updated_at'],
            },
        ),
        migrations.CreateModel(
            name='Event',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=150, verbose_name='title')),
                ('kind', models.CharField(choices=[('family_learning', 'Family learning'), ('stay_and_play', 'Stay and play'), ('celebration', 'Cultural celebration'), ('outing', 'Outing'), ('project', 'Learning project with parents'), ('other', 'Other')], max_length=20, verbose_name='kind')),
                ('description', models.TextField(blank=True, verbose_name='what it is')),
                ('starts_at', models.DateTimeField(verbose_name='starts')),
                ('ends_at', models.DateTimeField(blank=True, null=True, verbose_name='ends')),
                ('location', models.CharField(blank=True, max_length=150, verbose_name='where')),
                ('helpers_wanted', models.PositiveSmallIntegerField(default=0, help_text='For outings, say. 0 if none.', verbose_name='parent helpers wanted')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('room', models.ForeignKey(blank=True, help_text='Leave empty for an event for the whole setting.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='families.room', verbose_name='room')),
            ],
            options={
                'verbose_name': 'event',
                'verbose_name_plural': 'events',
                'db_table': 'nursery_event',
                'ordering': ['starts_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='EventSignup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('adults', models.PositiveSmallIntegerField(default=1, verbose_name='adults coming')),
                ('offers_help', models.BooleanField(default=False, verbose_name='I can help')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='anything we should know')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('children', models.ManyToManyField(blank=True, related_name='+', to='families.child', verbose_name='children coming')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signups', to='setting.event')),
                ('parent', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='event_signups', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'event sign-up',
                'verbose_name_plural': 'event sign-ups',
                'db_table': 'nursery_eventsignup',
                'ordering': ['event', 'parent__full_name'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalComplaint',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('complainant_name', models.CharField(max_length=150, verbose_name='made by')),
                ('received_via', models.CharField(choices=[('portal', 'In the portal'), ('writing', 'In writing (letter or email)'), ('in_person', 'In person'), ('phone', 'By phone')], max_length=20, verbose_name='how it was made')),
                ('received_on', models.DateField(default=django.utils.timezone.localdate, validators=[nursery.validators.validate_not_future], verbose_name='received on')),
                ('summary', models.CharField(max_length=200, verbose_name='what the complaint is about')),
                ('details', models.TextField(verbose_name='details')),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('due_on', models.DateField(blank=True, editable=False, null=True, verbose_name='outcome due by')),
                ('acknowledged_on', models.DateField(blank=True, null=True, validators=[nursery.validators.validate_not_future], verbose_name='acknowledged on')),
                ('investigation', models.TextField(blank=True, verbose_name='investigation notes')),
                ('outcome', models.TextField(blank=True, verbose_name='outcome')),
                ('outcome_on', models.DateField(blank=True, null=True, validators=[nursery.validators.validate_not_future], verbose_name='outcome given on')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('child', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='families.child', verbose_name='child it concerns')),
                ('complainant', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='parent or carer')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('outcome_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical complaint',
                'verbose_name_plural': 'historical complaints',
                'db_table': 'nursery_historicalcomplaint',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPolicy',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=150, verbose_name='title')),
                ('category', models.CharField(choices=[('partnership', 'Working with parents'), ('safeguarding', 'Safeguarding and the Prevent duty'), ('behaviour', 'Behaviour'), ('health', 'Health and sick children'), ('complaints', 'Complaints'), ('registration', 'Registration and what we expect of parents'), ('other', 'Other information')], max_length=20, verbose_name='kind')),
                ('summary', models.CharField(blank=True, help_text='One or two plain sentences.', max_length=300, verbose_name='summary')),
                ('body', models.TextField(verbose_name='text')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('version_date', models.DateField(default=django.utils.timezone.localdate, verbose_name='version date')),
                ('last_reviewed_on', models.DateField(verbose_name='last reviewed')),
                ('next_review_due', models.DateField(verbose_name='next review due')),
                ('requires_acknowledgement', models.BooleanField(default=False, verbose_name='parents must read and acknowledge it')),
                ('is_published', models.BooleanField(default=True, verbose_name='published to parents')),
                ('updated_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('updated_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical policy',
                'verbose_name_plural': 'historical policies',
                'db_table': 'nursery_historicalpolicy',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Policy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=150, verbose_name='title')),
                ('category', models.CharField(choices=[('partnership', 'Working with parents'), ('safeguarding', 'Safeguarding and the Prevent duty'), ('behaviour', 'Behaviour'), ('health', 'Health and sick children'), ('complaints', 'Complaints'), ('registration', 'Registration and what we expect of parents'), ('other', 'Other information')], max_length=20, verbose_name='kind')),
                ('summary', models.CharField(blank=True, help_text='One or two plain sentences.', max_length=300, verbose_name='summary')),
                ('body', models.TextField(verbose_name='text')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('version_date', models.DateField(default=django.utils.timezone.localdate, verbose_name='version date')),
                ('last_reviewed_on', models.DateField(verbose_name='last reviewed')),
                ('next_review_due', models.DateField(verbose_name='next review due')),
                ('requires_acknowledgement', models.BooleanField(default=False, verbose_name='parents must read and acknowledge it')),
                ('is_published', models.BooleanField(default=True, verbose_name='published to parents')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('updated_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'policy',
                'verbose_name_plural': 'policies',
                'db_table': 'nursery_policy',
                'ordering': ['category', 'title'],
            },
        ),
        migrations.CreateModel(
            name='PolicyAcknowledgement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(verbose_name='version')),
                ('acknowledged_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='acknowledged')),
                ('parent', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='policy_acknowledgements', to=settings.AUTH_USER_MODEL)),
                ('policy', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='acknowledgements', to='setting.policy')),
            ],
            options={
                'verbose_name': 'policy acknowledgement',
                'verbose_name_plural': 'policy acknowledgements',
                'db_table': 'nursery_policyacknowledgement',
                'ordering': ['-acknowledged_at'],
            },
        ),
        migrations.CreateModel(
            name='Suggestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('body', models.TextField(verbose_name='your suggestion')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='made')),
                ('response', models.TextField(blank=True, verbose_name='our answer')),
                ('responded_at', models.DateTimeField(blank=True, null=True, verbose_name='answered')),
                ('parent', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='suggestions', to=settings.AUTH_USER_MODEL)),
                ('responded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'suggestion',
                'verbose_name_plural': 'suggestions',
                'db_table': 'nursery_suggestion',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Complaint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('complainant_name', models.CharField(max_length=150, verbose_name='made by')),
                ('received_via', models.CharField(choices=[('portal', 'In the portal'), ('writing', 'In writing (letter or email)'), ('in_person', 'In person'), ('phone', 'By phone')], max_length=20, verbose_name='how it was made')),
                ('received_on', models.DateField(default=django.utils.timezone.localdate, validators=[nursery.validators.validate_not_future], verbose_name='received on')),
                ('summary', models.CharField(max_length=200, verbose_name='what the complaint is about')),
                ('details', models.TextField(verbose_name='details')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('due_on', models.DateField(blank=True, editable=False, null=True, verbose_name='outcome due by')),
                ('acknowledged_on', models.DateField(blank=True, null=True, validators=[nursery.validators.validate_not_future], verbose_name='acknowledged on')),
                ('investigation', models.TextField(blank=True, verbose_name='investigation notes')),
                ('outcome', models.TextField(blank=True, verbose_name='outcome')),
                ('outcome_on', models.DateField(blank=True, null=True, validators=[nursery.validators.validate_not_future], verbose_name='outcome given on')),
                ('child', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='complaints', to='families.child', verbose_name='child it concerns')),
                ('complainant', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='complaints', to=settings.AUTH_USER_MODEL, verbose_name='parent or carer')),
                ('outcome_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'complaint',
                'verbose_name_plural': 'complaints',
                'db_table': 'nursery_complaint',
                'ordering': ['-received_on', '-pk'],
                'indexes': [models.Index(fields=['outcome_on', 'due_on'], name='nursery_com_outcome_1f3bd5_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('outcome_on__isnull', True), ('outcome_on__gte', models.F('received_on')), _connector='OR'), name='complaint_outcome_after_receipt'), models.CheckConstraint(condition=models.Q(('acknowledged_on__isnull', True), ('acknowledged_on__gte', models.F('received_on')), _connector='OR'), name='complaint_acknowledged_after_receipt')],
            },
        ),
        migrations.AddConstraint(
            model_name='consultation',
            constraint=models.CheckConstraint(condition=models.Q(('closes_on__gte', models.F('opens_on'))), name='consultation_closes_after_opening'),
        ),
        migrations.AddConstraint(
            model_name='consultationresponse',
            constraint=models.UniqueConstraint(fields=('consultation', 'parent'), name='one_answer_per_parent'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('ends_at__isnull', True), ('ends_at__gt', models.F('starts_at')), _connector='OR'), name='event_ends_after_start'),
        ),
        migrations.AddConstraint(
            model_name='eventsignup',
            constraint=models.UniqueConstraint(fields=('event', 'parent'), name='one_signup_per_parent'),
        ),
        migrations.AddConstraint(
            model_name='policy',
            constraint=models.CheckConstraint(condition=models.Q(('next_review_due__gt', models.F('last_reviewed_on'))), name='policy_review_due_after_review'),
        ),
        migrations.AddConstraint(
            model_name='policyacknowledgement',
            constraint=models.UniqueConstraint(fields=('policy', 'parent', 'version'), name='one_acknowledgement_per_version'),
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=state_operations, database_operations=[]
        )
    ]

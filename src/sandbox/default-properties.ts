import type { ObjectType } from './object-types';
import type { PropertyDefinition, PropertyGroup, PropertyOption, PropertyType } from './property-model';

const DEFINED_AT = '2019-08-06T02:43:01.577Z';

interface Spec {
  label: string;
  type: PropertyType;
  fieldType: string;
  group: string;
  options?: readonly (string | readonly [value: string, label: string])[];
  readOnly?: boolean;
  unique?: boolean;
  externalOptions?: boolean;
  referencedObjectType?: string;
}

function options(values: Spec['options']): PropertyOption[] {
  return (values ?? []).map((option, displayOrder) => {
    const [value, label] = typeof option === 'string' ? [option, option] : option;
    return { label, value, displayOrder, hidden: false };
  });
}

function define(specs: Readonly<Record<string, Spec>>): PropertyDefinition[] {
  return Object.entries(specs).map(([name, spec], displayOrder) => ({
    name,
    label: spec.label,
    type: spec.type,
    fieldType: spec.fieldType,
    description: '',
    groupName: spec.group,
    options: spec.type === 'bool' ? options([['true', 'Yes'], ['false', 'No']]) : options(spec.options),
    displayOrder,
    calculated: false,
    externalOptions: spec.externalOptions ?? false,
    hasUniqueValue: spec.unique ?? false,
    hidden: false,
    hubspotDefined: true,
    formField: !spec.readOnly,
    ...(spec.referencedObjectType ? { referencedObjectType: spec.referencedObjectType } : {}),
    modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: spec.readOnly ?? false },
    createdAt: DEFINED_AT,
    updatedAt: DEFINED_AT,
    archived: false,
  }));
}

const LIFECYCLE_STAGES = [
  ['subscriber', 'Subscriber'], ['lead', 'Lead'], ['marketingqualifiedlead', 'Marketing Qualified Lead'],
  ['salesqualifiedlead', 'Sales Qualified Lead'], ['opportunity', 'Opportunity'], ['customer', 'Customer'],
  ['evangelist', 'Evangelist'], ['other', 'Other'],
] as const;

const LEAD_STATUSES = [
  ['NEW', 'New'], ['OPEN', 'Open'], ['IN_PROGRESS', 'In Progress'], ['OPEN_DEAL', 'Open Deal'],
  ['UNQUALIFIED', 'Unqualified'], ['ATTEMPTED_TO_CONTACT', 'Attempted to Contact'], ['CONNECTED', 'Connected'],
  ['BAD_TIMING', 'Bad Timing'],
] as const;

const ANALYTICS_SOURCES = [
  ['ORGANIC_SEARCH', 'Organic Search'], ['PAID_SEARCH', 'Paid Search'], ['EMAIL_MARKETING', 'Email Marketing'],
  ['SOCIAL_MEDIA', 'Organic Social'], ['REFERRALS', 'Referrals'], ['OTHER_CAMPAIGNS', 'Other Campaigns'],
  ['DIRECT_TRAFFIC', 'Direct Traffic'], ['OFFLINE', 'Offline Sources'], ['PAID_SOCIAL', 'Paid Social'],
] as const;

export const EMPLOYEE_RANGES = ['1-5', '5-25', '25-50', '50-100', '100-500', '500-1000', '1000+'] as const;

const OWNER: Omit<Spec, 'group'> = {
  label: 'Contact owner', type: 'enumeration', fieldType: 'select', externalOptions: true, referencedObjectType: 'OWNER',
};
const TIMESTAMP: Omit<Spec, 'label'> = { type: 'datetime', fieldType: 'date', group: 'engagement' };
const READ_ONLY_DATE = (label: string, group: string): Spec => ({ label, type: 'datetime', fieldType: 'date', group, readOnly: true });

const CONTACT_PROPERTIES = define({
  firstname: { label: 'First Name', type: 'string', fieldType: 'text', group: 'contactinformation' },
  lastname: { label: 'Last Name', type: 'string', fieldType: 'text', group: 'contactinformation' },
  email: { label: 'Email', type: 'string', fieldType: 'text', group: 'contactinformation', unique: true },
  phone: { label: 'Phone Number', type: 'string', fieldType: 'phonenumber', group: 'contactinformation' },
  company: { label: 'Company Name', type: 'string', fieldType: 'text', group: 'contactinformation' },
  jobtitle: { label: 'Job Title', type: 'string', fieldType: 'text', group: 'contactinformation' },
  industry: { label: 'Industry', type: 'string', fieldType: 'text', group: 'contactinformation' },
  numemployees: { label: 'Number of Employees', type: 'enumeration', fieldType: 'select', group: 'contactinformation', options: EMPLOYEE_RANGES },
  country: { label: 'Country/Region', type: 'string', fieldType: 'text', group: 'contactinformation' },
  city: { label: 'City', type: 'string', fieldType: 'text', group: 'contactinformation' },
  website: { label: 'Website URL', type: 'string', fieldType: 'text', group: 'contactinformation' },
  lifecyclestage: { label: 'Lifecycle Stage', type: 'enumeration', fieldType: 'radio', group: 'contactinformation', options: LIFECYCLE_STAGES },
  hs_lead_status: { label: 'Lead Status', type: 'enumeration', fieldType: 'radio', group: 'sales_properties', options: LEAD_STATUSES },
  hubspot_owner_id: { ...OWNER, group: 'sales_properties' },
  hubspot_owner_assigneddate: READ_ONLY_DATE('Owner assigned date', 'sales_properties'),
  hs_analytics_source: { label: 'Original Traffic Source', type: 'enumeration', fieldType: 'select', group: 'analyticsinformation', options: ANALYTICS_SOURCES, readOnly: true },
  hs_analytics_num_page_views: { label: 'Number of Pageviews', type: 'number', fieldType: 'number', group: 'analyticsinformation', readOnly: true },
  hs_analytics_last_url: { label: 'Last Page Seen', type: 'string', fieldType: 'text', group: 'analyticsinformation', readOnly: true },
  hs_email_last_open_date: READ_ONLY_DATE('Last marketing email open date', 'emailinformation'),
  hs_email_last_click_date: READ_ONLY_DATE('Last marketing email click date', 'emailinformation'),
  hs_email_optout: { label: 'Unsubscribed from all email', type: 'bool', fieldType: 'booleancheckbox', group: 'emailinformation', readOnly: true },
  recent_conversion_event_name: { label: 'Recent Conversion', type: 'string', fieldType: 'text', group: 'conversioninformation', readOnly: true },
  recent_conversion_date: READ_ONLY_DATE('Recent Conversion Date', 'conversioninformation'),
  first_conversion_event_name: { label: 'First Conversion', type: 'string', fieldType: 'text', group: 'conversioninformation', readOnly: true },
  num_conversion_events: { label: 'Number of Form Submissions', type: 'number', fieldType: 'number', group: 'conversioninformation', readOnly: true },
  notes_last_contacted: READ_ONLY_DATE('Last Contacted', 'sales_properties'),
  hs_object_id: { label: 'Record ID', type: 'number', fieldType: 'number', group: 'contactinformation', readOnly: true },
  createdate: READ_ONLY_DATE('Create Date', 'contactinformation'),
  lastmodifieddate: READ_ONLY_DATE('Last Modified Date', 'contactinformation'),
});

const COMPANY_PROPERTIES = define({
  name: { label: 'Company name', type: 'string', fieldType: 'text', group: 'companyinformation' },
  domain: { label: 'Company Domain Name', type: 'string', fieldType: 'text', group: 'companyinformation' },
  industry: { label: 'Industry', type: 'string', fieldType: 'text', group: 'companyinformation' },
  numberofemployees: { label: 'Number of Employees', type: 'number', fieldType: 'number', group: 'companyinformation' },
  annualrevenue: { label: 'Annual Revenue', type: 'number', fieldType: 'number', group: 'companyinformation' },
  country: { label: 'Country/Region', type: 'string', fieldType: 'text', group: 'companyinformation' },
  city: { label: 'City', type: 'string', fieldType: 'text', group: 'companyinformation' },
  hubspot_owner_id: { ...OWNER, label: 'Company owner', group: 'companyinformation' },
  hs_object_id: { label: 'Record ID', type: 'number', fieldType: 'number', group: 'companyinformation', readOnly: true },
  createdate: READ_ONLY_DATE('Create Date', 'companyinformation'),
  hs_lastmodifieddate: READ_ONLY_DATE('Last Modified Date', 'companyinformation'),
});

function engagementProperties(own: Readonly<Record<string, Spec>>): PropertyDefinition[] {
  return define({
    hs_timestamp: { ...TIMESTAMP, label: 'Activity date' },
    hubspot_owner_id: { ...OWNER, label: 'Activity assigned to', group: 'engagement' },
    ...own,
    hs_object_id: { label: 'Record ID', type: 'number', fieldType: 'number', group: 'engagement', readOnly: true },
    hs_createdate: READ_ONLY_DATE('Create date', 'engagement'),
    hs_lastmodifieddate: READ_ONLY_DATE('Last Modified Date', 'engagement'),
  });
}

const text = (label: string): Spec => ({ label, type: 'string', fieldType: 'text', group: 'engagement' });
const choice = (label: string, values: readonly string[]): Spec => ({ label, type: 'enumeration', fieldType: 'select', group: 'engagement', options: values });

const PROPERTIES: Readonly<Record<ObjectType, PropertyDefinition[]>> = {
  contacts: CONTACT_PROPERTIES,
  companies: COMPANY_PROPERTIES,
  deals: define({
    dealname: { label: 'Deal Name', type: 'string', fieldType: 'text', group: 'dealinformation' },
    amount: { label: 'Amount', type: 'number', fieldType: 'number', group: 'dealinformation' },
    dealstage: { label: 'Deal Stage', type: 'enumeration', fieldType: 'radio', group: 'dealinformation', options: ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost'] },
    pipeline: { label: 'Pipeline', type: 'enumeration', fieldType: 'select', group: 'dealinformation', options: [['default', 'Sales Pipeline']] },
    closedate: { label: 'Close Date', type: 'datetime', fieldType: 'date', group: 'dealinformation' },
    hubspot_owner_id: { ...OWNER, label: 'Deal owner', group: 'dealinformation' },
    hs_object_id: { label: 'Record ID', type: 'number', fieldType: 'number', group: 'dealinformation', readOnly: true },
    createdate: READ_ONLY_DATE('Create Date', 'dealinformation'),
    hs_lastmodifieddate: READ_ONLY_DATE('Last Modified Date', 'dealinformation'),
  }),
  calls: engagementProperties({
    hs_call_title: text('Call Title'),
    hs_call_body: { label: 'Call notes', type: 'string', fieldType: 'html', group: 'engagement' },
    hs_call_direction: choice('Call direction', ['INBOUND', 'OUTBOUND']),
    hs_call_disposition: text('Call outcome'),
    hs_call_duration: { label: 'Call duration', type: 'number', fieldType: 'number', group: 'engagement' },
    hs_call_status: choice('Call status', ['BUSY', 'CALLING_CRM_USER', 'CANCELED', 'COMPLETED', 'CONNECTING', 'FAILED', 'IN_PROGRESS', 'NO_ANSWER', 'QUEUED', 'RINGING']),
  }),
  emails: engagementProperties({
    hs_email_subject: text('Email subject'),
    hs_email_text: { label: 'Email body', type: 'string', fieldType: 'textarea', group: 'engagement' },
    hs_email_direction: choice('Email direction', ['EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL']),
    hs_email_status: choice('Email send status', ['BOUNCED', 'FAILED', 'SCHEDULED', 'SENDING', 'SENT']),
  }),
  meetings: engagementProperties({
    hs_meeting_title: text('Meeting name'),
    hs_meeting_body: { label: 'Meeting description', type: 'string', fieldType: 'html', group: 'engagement' },
    hs_meeting_start_time: { ...TIMESTAMP, label: 'Meeting start time' },
    hs_meeting_end_time: { ...TIMESTAMP, label: 'Meeting end time' },
    hs_meeting_outcome: choice('Meeting outcome', ['SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED']),
  }),
  notes: engagementProperties({
    hs_note_body: { label: 'Note body', type: 'string', fieldType: 'html', group: 'engagement' },
  }),
  tasks: engagementProperties({
    hs_task_subject: text('Task title'),
    hs_task_body: { label: 'Task notes', type: 'string', fieldType: 'html', group: 'engagement' },
    hs_task_status: choice('Task status', ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED']),
    hs_task_priority: choice('Priority', ['NONE', 'LOW', 'MEDIUM', 'HIGH']),
    hs_task_type: choice('Task type', ['CALL', 'EMAIL', 'LINKED_IN', 'MEETING', 'LINKED_IN_CONNECT', 'LINKED_IN_MESSAGE', 'TODO']),
  }),
};

const group = (name: string, label: string, displayOrder: number): PropertyGroup => ({ name, label, displayOrder, archived: false });

const GROUPS: Readonly<Record<ObjectType, PropertyGroup[]>> = {
  contacts: [
    group('contactinformation', 'Contact information', 0), group('emailinformation', 'Email information', 1),
    group('conversioninformation', 'Conversion information', 2), group('analyticsinformation', 'Web analytics history', 3),
    group('sales_properties', 'Sales properties', 4),
  ],
  companies: [group('companyinformation', 'Company information', 0)],
  deals: [group('dealinformation', 'Deal information', 0)],
  calls: [group('engagement', 'Call information', 0)],
  emails: [group('engagement', 'Email information', 0)],
  meetings: [group('engagement', 'Meeting information', 0)],
  notes: [group('engagement', 'Note information', 0)],
  tasks: [group('engagement', 'Task information', 0)],
};

/** A fresh copy of the properties a new portal starts with for one object type. */
export function defaultProperties(objectType: ObjectType): PropertyDefinition[] {
  return structuredClone(PROPERTIES[objectType]);
}

export function defaultPropertyGroups(objectType: ObjectType): PropertyGroup[] {
  return structuredClone(GROUPS[objectType]);
}

#include "FlowEditorPage.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/flows/FlowDraft.h"
#include "core/flows/FlowService.h"
#include "core/flows/Trigger.h"
#include "core/tenant/Tenant.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"
#include "ui/common/UnsavedChanges.h"
#include "ui/flows/ActionPalette.h"
#include "ui/flows/FlowScene.h"
#include "ui/flows/FlowView.h"
#include "ui/library/ConfigureIntegrationDialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QUndoStack>
#include <QUrlQuery>
#include <QVBoxLayout>

FlowEditorPage::FlowEditorPage(Tenant &tenant, QWidget *parent)
    : Page(parent)
    , m_tenant(tenant)
    , m_message(new MessageBar(this))
    , m_title(new QLabel(this))
    , m_state(new QLabel(this))
    , m_undo(Form::button(tr("Undo"), {}, QStringLiteral("undoButton"), this))
    , m_redo(Form::button(tr("Redo"), {}, QStringLiteral("redoButton"), this))
    , m_apply(Form::button(tr("Apply"), QStringLiteral("primary"), QStringLiteral("applyButton"), this))
    , m_discard(Form::button(tr("Discard"), {}, QStringLiteral("discardButton"), this))
    , m_palette(new ActionPalette(tenant.flows(), this))
    , m_body(new QHBoxLayout)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *header = new QWidget(this);
    auto *headerLayout = new QVBoxLayout(header);
    headerLayout->setContentsMargins(40, 20, 40, 12);
    headerLayout->setSpacing(6);
    auto *back = Form::backLink(tr("Back to Flows"), header);
    headerLayout->addWidget(back, 0, Qt::AlignLeft);
    auto *row = new QHBoxLayout;
    m_title->setObjectName(QStringLiteral("pageTitle"));
    m_state->setObjectName(QStringLiteral("flowState"));
    m_state->setProperty("role", QStringLiteral("badge"));
    row->addWidget(m_title);
    row->addWidget(m_state, 0, Qt::AlignVCenter);
    row->addStretch(1);
    auto *fit = Form::button(tr("Zoom to fit"), {}, QStringLiteral("zoomToFitButton"), header);
    for (QPushButton *button : {m_undo, m_redo, fit, m_discard, m_apply})
        row->addWidget(button);
    headerLayout->addLayout(row);
    headerLayout->addWidget(m_message);
    layout->addWidget(header);

    m_body->setSpacing(0);
    m_body->addWidget(m_palette);
    layout->addLayout(m_body, 1);

    connect(back, &QPushButton::clicked, this, [this] { Q_EMIT navigate(Page::Id::Flows); });
    connect(m_undo, &QPushButton::clicked, this, [this] {
        if (m_scene)
            m_scene->undoStack()->undo();
    });
    connect(m_redo, &QPushButton::clicked, this, [this] {
        if (m_scene)
            m_scene->undoStack()->redo();
    });
    m_undo->setEnabled(false);
    m_redo->setEnabled(false);
    connect(fit, &QPushButton::clicked, this, [this] {
        if (m_view)
            m_view->zoomToFit();
    });
    connect(m_apply, &QPushButton::clicked, this, &FlowEditorPage::apply);
    connect(m_discard, &QPushButton::clicked, this, &FlowEditorPage::discard);
    connect(m_palette, &ActionPalette::insertRequested, this, [this](const ActionRef &action) {
        Binding binding;
        binding.kind = action.kind;
        binding.actionId = action.actionId;
        binding.displayName = action.name;
        // The palette has the keyboard focus now: the card to insert after is the selected one.
        const int selected = m_scene ? m_scene->selectedIndex() : -1;
        insertAction(selected >= 0 ? selected + 1 : m_draft->count(), binding);
    });
    connect(m_palette, &ActionPalette::customLibraryRequested, this, [this] {
        Q_EMIT navigate(Page::Id::ActionsLibrary, QStringLiteral("custom"));
    });
}

FlowEditorPage::~FlowEditorPage()
{
    // In the reverse order of their making: the view follows the scene, whose cards and undo commands
    // refer to the draft.
    delete m_view;
    delete m_scene;
    delete m_draft;
}

QUndoStack *FlowEditorPage::undoStack() const
{
    return m_scene ? m_scene->undoStack() : nullptr;
}

void FlowEditorPage::open(const QString &argument)
{
    const int query = argument.indexOf(QLatin1Char('?'));
    const QString triggerId = query < 0 ? argument : argument.left(query);
    if (!triggerId.isEmpty() && (triggerId != m_triggerId || !m_draft))
        load(triggerId);
    m_message->clear();
    if (query < 0 || !m_draft)
        return;
    const QString actionId = QUrlQuery(argument.mid(query + 1)).queryItemValue(QStringLiteral("add"));
    for (const ActionRef &action : m_tenant.flows().availableActions(m_triggerId)) {
        if (action.actionId != actionId)
            continue;
        Binding binding;
        binding.kind = action.kind;
        binding.actionId = action.actionId;
        binding.displayName = action.name;
        if (insertAction(m_draft->count(), binding))
            m_message->showMessage(tr("%1 was placed in the draft. Apply to make it run.").arg(action.name),
                                   MessageBar::Level::Info);
        return;
    }
}

void FlowEditorPage::load(const QString &triggerId)
{
    const Trigger *trigger = Triggers::find(triggerId);
    delete m_view;
    delete m_scene;
    delete m_draft;
    m_triggerId = triggerId;
    m_draft = new FlowDraft(m_tenant.flows(), triggerId, this);
    m_scene = new FlowScene(*m_draft, m_tenant.flows(), this);
    m_view = new FlowView(m_scene, this);
    m_body->insertWidget(0, m_view, 1);
    m_title->setText(trigger ? trigger->label : triggerId);
    m_palette->load(triggerId);

    connect(m_draft, &FlowDraft::dirtyChanged, this, &FlowEditorPage::updateState);
    // Applied elsewhere (an uninstall removed a binding): follow it unless there are edits to keep.
    connect(&m_tenant.flows(), &FlowService::flowApplied, m_draft, [this](const QString &trigger) {
        if (trigger == m_triggerId && !m_draft->isDirty())
            m_draft->reload();
    });
    // Applied by another admin on the tenant: the same, whichever flow it was.
    connect(&m_tenant.flows(), &FlowService::changedElsewhere, m_draft, [this] {
        if (!m_draft->isDirty())
            m_draft->reload();
    });
    connect(&m_tenant.integrations(),
            &IntegrationService::integrationRemoved,
            m_scene,
            [this](const QString &id) {
                m_scene->dropAction(id);
                m_palette->reload();
            });
    connect(&m_tenant.integrations(), &IntegrationService::integrationInstalled, m_draft, [this] {
        m_palette->reload();
    });
    // Actions installed, deployed or removed by another admin: the palette lists them again.
    connect(&m_tenant.integrations(), &IntegrationService::changedElsewhere, m_draft, [this] {
        m_palette->reload();
    });
    connect(&m_tenant.customActions(), &CustomActionService::changedElsewhere, m_draft, [this] {
        m_palette->reload();
    });
    CustomActionService *customActions = &m_tenant.customActions();
    connect(customActions, &CustomActionService::actionAdded, m_draft, [this] { m_palette->reload(); });
    // deploy() and rollback() emit actionChanged() right after versionDeployed(): one refresh covers both.
    connect(customActions, &CustomActionService::actionChanged, m_draft, [this](const QString &id) {
        m_palette->reload();
        m_draft->refreshAction(id);
    });
    connect(customActions, &CustomActionService::actionRemoved, m_scene, [this](const QString &id) {
        m_scene->dropAction(id);
        m_palette->reload();
    });
    connect(m_scene, &FlowScene::openRequested, this, &FlowEditorPage::openAction);
    connect(m_scene, &FlowScene::dropRefused, this, [this](const QString &reason) {
        m_message->showMessage(reason, MessageBar::Level::Warning);
    });
    QUndoStack *undo = m_scene->undoStack();
    connect(undo, &QUndoStack::canUndoChanged, m_undo, &QPushButton::setEnabled);
    connect(undo, &QUndoStack::canRedoChanged, m_redo, &QPushButton::setEnabled);
    connect(undo, &QUndoStack::undoTextChanged, m_undo, [this](const QString &text) {
        m_undo->setToolTip(text.isEmpty() ? QString() : tr("Undo %1").arg(text));
    });
    connect(undo, &QUndoStack::redoTextChanged, m_redo, [this](const QString &text) {
        m_redo->setToolTip(text.isEmpty() ? QString() : tr("Redo %1").arg(text));
    });
    m_undo->setEnabled(false);
    m_redo->setEnabled(false);
    m_undo->setToolTip({});
    m_redo->setToolTip({});
    updateState();
    Q_EMIT undoStackChanged(undo);
}

bool FlowEditorPage::insertAction(int index, const Binding &binding)
{
    if (const Result<void> inserted = m_scene->insertAction(index, binding); !inserted) {
        m_message->showMessage(inserted.error().message(), MessageBar::Level::Warning);
        return false;
    }
    return true;
}

bool FlowEditorPage::moveAction(int from, int to)
{
    return m_scene->moveAction(from, to);
}

bool FlowEditorPage::removeAction(int index)
{
    return m_scene->removeAction(index);
}

bool FlowEditorPage::apply()
{
    if (auto applied = m_draft->apply(); !applied) {
        m_message->showMessage(tr("Nothing was applied: %1").arg(applied.error().message()),
                               MessageBar::Level::Error);
        return false;
    }
    m_message->showMessage(tr("The flow was applied: it runs as shown from now on."),
                           MessageBar::Level::Success);
    updateState();
    return true;
}

void FlowEditorPage::discard()
{
    m_draft->discard();
    m_message->clear();
    updateState();
}

void FlowEditorPage::openAction(int index)
{
    const Binding binding = m_draft->bindings().value(index);
    if (binding.kind == Binding::Kind::Custom) {
        Q_EMIT navigate(Page::Id::CustomAction, binding.actionId);
        return;
    }
    auto integration = m_tenant.integrations().find(binding.actionId);
    if (!integration) {
        m_message->showMessage(integration.error().message(), MessageBar::Level::Error);
        return;
    }
    ConfigureIntegrationDialog dialog(m_tenant.integrations(), m_tenant.sms(), integration.value(), this);
    dialog.exec();
}

void FlowEditorPage::updateState()
{
    const bool dirty = m_draft && m_draft->isDirty();
    m_state->setText(dirty ? tr("Unapplied changes") : tr("Applied"));
    m_apply->setEnabled(dirty);
    m_discard->setEnabled(dirty);
    if (const Trigger *trigger = Triggers::find(m_triggerId))
        m_title->setText(trigger->label + (dirty ? QStringLiteral(" •") : QString()));
}

bool FlowEditorPage::confirmLeave()
{
    if (!m_draft || !m_draft->isDirty())
        return true;
    return UnsavedChanges::confirm(
        this,
        {tr("Unapplied changes"),
         tr("The %1 flow has changes that are not applied.").arg(m_title->text()),
         tr("Apply them before leaving?"),
         QStringLiteral("unappliedChangesBox"),
         true},
        [this] { return apply(); },
        [this] { discard(); });
}

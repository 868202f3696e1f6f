#pragma once

#include "core/tenant/SetupChecklist.h"
#include "ui/shell/Page.h"

class QVBoxLayout;
class Tenant;

/**
 * @brief The story as a checklist: each step reads the tenant and goes to the page that does it.
 */
class GettingStartedPage : public Page
{
    Q_OBJECT

public:
    GettingStartedPage(Tenant &tenant, QWidget *parent = nullptr);

    void open(const QString &argument) override;
    /// Whether the page offers the ready-made demo tenant while steps are still to do (not on the demo).
    void setDemoOffered(bool offered);

Q_SIGNALS:
    /// The admin asked to see the demo tenant (`authdeck --demo`), which the window opens.
    void demoRequested();

private:
    void rebuild();
    void addTryCard(const QList<SetupChecklist::Item> &items);
    void addDemoCard();

    Tenant &m_tenant;
    SetupChecklist *m_checklist;
    QVBoxLayout *m_steps;
    bool m_stale = true;
    bool m_demoOffered = false;
};

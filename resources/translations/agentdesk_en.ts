<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversation</numerusform>
            <numerusform>%n conversations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s) newly assigned to you</source>
        <translation>
            <numerusform>%n conversation newly assigned to you</numerusform>
            <numerusform>%n conversations newly assigned to you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>AgentDesk — %n open for you</source>
        <translation>
            <numerusform>AgentDesk — %n open conversation for you</numerusform>
            <numerusform>AgentDesk — %n open conversations for you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to be sent</source>
        <translation>
            <numerusform>%n waiting to be sent</numerusform>
            <numerusform>%n waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n not sent</numerusform>
            <numerusform>%n not sent</numerusform>
        </translation>
    </message>
</context>
</TS>

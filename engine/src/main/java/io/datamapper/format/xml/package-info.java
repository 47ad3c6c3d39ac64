/**
 * XML as records through StAX (Woodstox), never resolving DTDs or external entities: the record
 * element is named or detected, attributes and child elements become fields.
 */
package io.datamapper.format.xml;

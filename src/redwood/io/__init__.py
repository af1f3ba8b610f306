"""Files in and out: program files now; imports and exports later."""
